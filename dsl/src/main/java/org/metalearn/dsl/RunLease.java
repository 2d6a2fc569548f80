package org.metalearn.dsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.metalearn.util.AtomicFiles;

/**
 * A claim on one run of a {@link RunStore} held by this process: the run folder's {@code lease.txt} (host, PID,
 * process start, a token of this claim and a heartbeat count), rewritten atomically by a daemon thread while the
 * run trains, so that other sweeps on the store (other JVMs, other machines on a shared filesystem) leave the run
 * alone while the heartbeat moves and take it over once it stops ({@link LeaseClaims}).
 */
final class RunLease implements AutoCloseable {
    static final String FILE = "lease.txt";

    private final Path file;
    private final Map<String, String> fields;
    private final ScheduledExecutorService heartbeat;
    private long beats;
    private volatile String lostTo;

    private RunLease(Path file, Map<String, String> fields, long periodNanos) {
        this.file = file;
        this.fields = fields;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "run lease " + file.getParent().getFileName());
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::beat, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** The lease's text for this process under {@code host}, with heartbeat 0 and a new token. */
    static Map<String, String> newFields(String host) {
        Map<String, String> f = new LinkedHashMap<>();
        ProcessHandle self = ProcessHandle.current();
        f.put("host", host);
        f.put("pid", String.valueOf(self.pid()));
        f.put("processStart", self.info().startInstant().map(Instant::toString).orElse("?"));
        f.put("token", UUID.randomUUID().toString());
        f.put("heartbeat", "0");
        f.put("time", Instant.now().toString());
        return f;
    }

    /** Starts heartbeating the lease just created in {@code file} with {@code fields}. */
    static RunLease held(Path file, Map<String, String> fields, long periodNanos) {
        return new RunLease(file, new LinkedHashMap<>(fields), periodNanos);
    }

    static String text(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    /** The lease in {@code file} as text, or null when there is none. */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("run store: cannot read the lease " + file, e);
        }
    }

    /** The fields of a lease's text (lines that are not {@code name=value} are left out). */
    static Map<String, String> parse(String text) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                f.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return f;
    }

    private synchronized void beat() {
        if (lostTo != null) {
            return;
        }
        try {
            String now = read(file);
            if (now == null || !fields.get("token").equals(parse(now).get("token"))) {
                lostTo = now == null ? "nobody (the lease was removed)" : describe(parse(now));
                heartbeat.shutdown();
                return;
            }
            fields.put("heartbeat", String.valueOf(++beats));
            fields.put("time", Instant.now().toString());
            AtomicFiles.writeString(file, text(fields));
        } catch (RuntimeException e) { // a filesystem hiccup: the next beat tries again
            System.err.println("run store: could not refresh the lease " + file + ": " + e.getMessage());
        }
    }

    /** Null while the claim holds; else who holds the run now (this process stalled past the lease timeout). */
    String lostTo() {
        return lostTo;
    }

    /** e.g. {@code host n1, PID 4242}. */
    static String describe(Map<String, String> f) {
        return "host " + f.getOrDefault("host", "?") + ", PID " + f.getOrDefault("pid", "?");
    }

    /** Stops the heartbeat and removes the lease if it is still this claim's. */
    @Override
    public synchronized void close() {
        heartbeat.shutdownNow();
        String now = read(file);
        if (lostTo == null && now != null && fields.get("token").equals(parse(now).get("token"))) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("run store: cannot remove the lease " + file, e);
            }
        }
    }
}
