package org.metalearn.dsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Claims runs of a {@link RunStore} for one sweep with {@link RunLease}s, and judges other claimants' leases: a
 * lease is stale when its heartbeat has not moved for the lease timeout as seen by this process's own clock (so
 * clocks of other machines do not matter), or at once when it names a process of this host that is gone. A stale
 * lease is removed under a short-lived break lock (so two waiters do not both remove a fresh lease) and the run is
 * claimed anew. If a claimant stalls past the timeout and loses its run, both may compute it for a moment: the
 * stored files are the same either way, since a run depends on its settings only.
 */
final class LeaseClaims {
    /** Seconds without a heartbeat after which a lease is stale (default 60). */
    static final String TIMEOUT_PROPERTY = "metalearn.leaseSeconds";
    /**
     * The name this process gives its host in leases (default the host name); set it where host names are not
     * unique, e.g. containers that share one, since a same-host lease is judged by its PID.
     */
    static final String HOST_PROPERTY = "metalearn.leaseHost";
    private static final double DEFAULT_TIMEOUT_SECONDS = 60;
    private static final String BREAK = "lease.txt.break";

    private final long timeoutNanos;
    private final String host;
    /** The lease text last seen in each file and when (System.nanoTime) it was first seen so. */
    private final Map<Path, Seen> seen = new ConcurrentHashMap<>();

    private record Seen(String text, long since) {
    }

    private LeaseClaims(long timeoutNanos, String host) {
        this.timeoutNanos = timeoutNanos;
        this.host = host;
    }

    /** Claims judging leases stale after {@code timeoutNanos}, naming this process's host {@code host}. */
    static LeaseClaims of(long timeoutNanos, String host) {
        return new LeaseClaims(timeoutNanos, host);
    }

    /** Claims with the timeout and host name of the system properties (or their defaults). */
    static LeaseClaims fromSystemProperties() {
        String timeout = System.getProperty(TIMEOUT_PROPERTY);
        double seconds = DEFAULT_TIMEOUT_SECONDS;
        if (timeout != null) {
            try {
                seconds = Double.parseDouble(timeout.trim());
            } catch (NumberFormatException e) {
                seconds = Double.NaN;
            }
            if (!(seconds >= 0.2 && seconds <= 86_400)) {
                throw new IllegalArgumentException(TIMEOUT_PROPERTY + " must be a number of seconds in [0.2, 86400], "
                        + "got '" + timeout + "'");
            }
        }
        String name = System.getProperty(HOST_PROPERTY);
        return new LeaseClaims((long) (seconds * 1e9), name != null && !name.isBlank() ? name.trim() : hostName());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** How long a sweep waiting for runs claimed elsewhere sleeps before looking again, in milliseconds. */
    long pauseMillis() {
        return Math.max(50, Math.min(2_000, timeoutNanos / 8_000_000));
    }

    /** This process's claim on the run in {@code dir}, or empty while another live claimant holds it. */
    Optional<RunLease> tryClaim(Path dir) {
        Path file = dir.resolve(RunLease.FILE);
        for (int attempt = 0; attempt < 3; attempt++) {
            Map<String, String> mine = RunLease.newFields(host);
            if (createExclusive(file, RunLease.text(mine))) {
                seen.remove(file);
                return Optional.of(RunLease.held(file, mine, Math.max(1, timeoutNanos / 4)));
            }
            String held = RunLease.read(file);
            if (held == null) {
                continue; // released in between
            }
            if (!stale(file, held)) {
                return Optional.empty();
            }
            breakStale(dir, file, held);
        }
        return Optional.empty();
    }

    /** Whether the lease text {@code held} in {@code file} is stale (see the class comment). */
    private boolean stale(Path file, String held) {
        Map<String, String> f = RunLease.parse(held);
        if (host.equals(f.get("host")) && gone(f.get("pid"), f.get("processStart"))) {
            return true;
        }
        return unchangedForTimeout(file, held);
    }

    /** Whether the text of {@code file} has been {@code text} for the whole timeout (by this process's clock). */
    private boolean unchangedForTimeout(Path file, String text) {
        long now = System.nanoTime();
        Seen s = seen.compute(file, (k, old) -> old != null && old.text.equals(text) ? old : new Seen(text, now));
        return now - s.since >= timeoutNanos;
    }

    /** Whether process {@code pid} of this host, started at {@code start}, has ended. */
    private static boolean gone(String pid, String start) {
        long id;
        try {
            id = Long.parseLong(pid);
        } catch (NumberFormatException | NullPointerException e) {
            return false; // not a lease of this format: judged by its heartbeat
        }
        Optional<ProcessHandle> p = ProcessHandle.of(id);
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = p.get().info().startInstant();
        return start != null && !start.equals("?") && started.isPresent() && !started.get().toString().equals(start);
    }

    /** Removes the stale lease {@code held} unless it changed, holding the break lock meanwhile. */
    private void breakStale(Path dir, Path file, String held) {
        Path lock = dir.resolve(BREAK);
        String mine = RunLease.text(RunLease.newFields(host));
        if (!createExclusive(lock, mine)) {
            String other = RunLease.read(lock);
            if (other != null && unchangedForTimeout(lock, other)) { // its holder died while breaking
                deleteIfSame(lock, other);
            }
            return;
        }
        try {
            deleteIfSame(file, held);
        } finally {
            deleteIfSame(lock, mine);
        }
    }

    private static void deleteIfSame(Path file, String text) {
        try {
            if (text.equals(RunLease.read(file))) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("run store: cannot remove " + file, e);
        }
    }

    /**
     * Creates {@code file} holding {@code text} unless it exists, atomically: a complete temporary file is linked
     * into place (a hard link fails if the name exists); where hard links are not supported, created exclusively.
     */
    static boolean createExclusive(Path file, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
            Files.write(tmp, bytes);
            try {
                Files.createLink(file, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (e instanceof FileSystemException && Files.exists(file)) {
                    return false;
                }
                Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("run store: cannot create " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a hidden .part file left behind is harmless
                }
            }
        }
    }
}
