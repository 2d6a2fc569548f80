package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs ({@link SharedStoreProbe}) running one four-run sweep on one store: every run is trained exactly once
 * (counted by a marker file per training start) and both get the table of a sweep run alone. Then a JVM holding a
 * run's claim is killed with SIGKILL: the other, started as another host (so the dead PID cannot tell it at once),
 * trains the other runs meanwhile, takes the killed run over only after the lease timeout, resumes it from its
 * checkpoint, and the table is unchanged.
 */
class SharedStoreTest {
    private static final double LEASE_SECONDS = 2;

    @Test
    @Timeout(240)
    void twoJvmsOnOneStoreTrainEveryRunOnceAndAKilledClaimIsTakenOverAfterTheLease(@TempDir Path dir)
            throws Exception {
        String alone = SweepTest.withoutTime(SweepTest.sweep(dir.resolve("alone")).run());

        Path store = dir.resolve("shared");
        Path markers = dir.resolve("markers");
        Path go = dir.resolve("go");
        try (Child a = Child.start(dir, "a", store, markers, go, null);
             Child b = Child.start(dir, "b", store, markers, go, null)) {
            a.await("READY");
            b.await("READY");
            Files.createFile(go);
            a.await("DONE");
            b.await("DONE");
            List<String> starts = starts(markers);
            assertEquals(4, starts.size(), "four training starts in all: " + starts);
            assertTrue(starts.stream().allMatch(m -> m.endsWith("-from-0")), "none resumed: " + starts);
            long byA = starts.stream().filter(m -> m.startsWith("start-" + a.pid() + "-")).count();
            System.out.println("two JVMs on one store: " + byA + " run(s) trained by one, " + (4 - byA)
                    + " by the other");
            assertTrue(byA > 0 && byA < 4, "both JVMs trained: " + starts);
            assertEquals(alone, Files.readString(a.table));
            assertEquals(alone, Files.readString(b.table));
        }

        Path killedStore = dir.resolve("killed");
        Path killedMarkers = dir.resolve("killed-markers");
        long killedAt;
        try (Child holder = Child.start(dir, "holder", killedStore, killedMarkers, go, "host-a")) {
            holder.await("STARTED 1 0");
            holder.await("ITER 1 25"); // past the checkpoint at 20
            assertTrue(Files.isRegularFile(firstRun(killedStore).resolve(RunLease.FILE)), "the run is claimed");
            holder.process.destroyForcibly();
            assertTrue(holder.process.waitFor(30, TimeUnit.SECONDS), "killed child exits");
            assertNotEquals(0, holder.process.exitValue(), "killed, not finished");
            killedAt = System.nanoTime();
        }
        try (Child taker = Child.start(dir, "taker", killedStore, killedMarkers, go, "host-b")) {
            String resumed = taker.await("STARTED 4 ");
            double after = (taker.lastLineNanos - killedAt) / 1e9;
            System.out.println("the killed JVM's run taken over " + String.format("%.1f", after) + " s after the "
                    + "kill (lease " + LEASE_SECONDS + " s): " + resumed);
            assertEquals("STARTED 4 20", resumed, "the killed run resumed from its checkpoint, after the other three");
            assertTrue(after >= LEASE_SECONDS, "taken over only after the lease expired: " + after + " s");
            taker.await("DONE");
            assertEquals(alone, Files.readString(taker.table));
            List<String> starts = starts(killedMarkers);
            assertEquals(5, starts.size(), "the killed start, three more and the resumption: " + starts);
        }
        assertEquals(4, RunStore.at(killedStore).table().rowCount());
        try (Stream<Path> files = Files.walk(killedStore)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(RunLease.FILE)
                    || f.getFileName().toString().startsWith("." + RunLease.FILE)).toList(), "no lease left");
        }
    }

    private static Path firstRun(Path store) throws IOException {
        String key = RunStore.key(SweepTest.sweep(store).job().resolve(SweepTest.sweep(store).points().get(0))
                .identity());
        return RunStore.at(store).folder(key);
    }

    private static List<String> starts(Path markers) throws IOException {
        try (Stream<Path> files = Files.list(markers)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A child JVM running {@link SharedStoreProbe}, its output lines read as they come. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final Path table;
        private final Path stderr;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        volatile long lastLineNanos;

        private Child(Process process, Path table, Path stderr) {
            this.process = process;
            this.table = table;
            this.stderr = stderr;
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        lines.add(System.nanoTime() + " " + line);
                    }
                } catch (IOException ignored) {
                    // the child was killed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path dir, String name, Path store, Path markers, Path go, String host) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-Djava.awt.headless=true",
                    "-D" + LeaseClaims.TIMEOUT_PROPERTY + "=" + LEASE_SECONDS));
            if (host != null) {
                cmd.add("-D" + LeaseClaims.HOST_PROPERTY + "=" + host);
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SharedStoreProbe.class.getName(),
                    store.toString(), markers.toString(), go.toString(), dir.resolve(name + ".csv").toString()));
            Path stderr = dir.resolve(name + ".stderr.txt");
            Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
            return new Child(p, dir.resolve(name + ".csv"), stderr);
        }

        long pid() {
            return process.pid();
        }

        /** Waits for a line starting with {@code prefix} (at most 120 s) and returns it. */
        String await(String prefix) throws Exception {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline) {
                String timed = lines.poll(100, TimeUnit.MILLISECONDS);
                if (timed == null) {
                    if (!process.isAlive() && lines.isEmpty()) {
                        fail("the child ended before '" + prefix + "': " + seen.subList(Math.max(0, seen.size() - 5),
                                seen.size()) + "\n" + Files.readString(stderr));
                    }
                    continue;
                }
                int space = timed.indexOf(' ');
                String line = timed.substring(space + 1);
                seen.add(line);
                if (line.startsWith(prefix)) {
                    lastLineNanos = Long.parseLong(timed.substring(0, space));
                    return line;
                }
            }
            fail("no '" + prefix + "' within 120 s: " + Files.readString(stderr));
            return null;
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
