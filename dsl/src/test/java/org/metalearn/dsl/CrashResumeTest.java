package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.data.DataDirectory;
import org.metalearn.data.TestData;
import org.metalearn.report.CurveRecorder;

/**
 * Real crashes: a child JVM meta-trains the lean 5-way Omniglot net with a checkpoint and is killed with SIGKILL
 * ({@link Process#destroyForcibly()}) (a) in the middle of training and (b) inside a checkpoint write (after the
 * temporary file is written, before it is moved into place); a fresh JVM resumes to the end. Parameters,
 * optimizer state (steps and every slot) and the learning curve (every row, every column but the wall-clock
 * {@code seconds}) must equal those of an uninterrupted run in another JVM bit for bit. Also: two JVMs with the
 * same seed agree bit for bit. The two uninterrupted runs start in the background before the tests; the crash
 * tests run their own children meanwhile and compare at the end (about a minute in all on two cores).
 *
 * <p>The curve window (30 / 7 = 4 iterations) is deliberately not compatible with the checkpoint interval (7),
 * so a checkpoint falls inside a partly filled curve window and must carry it.
 */
class CrashResumeTest {
    static final int ITERATIONS = 30;
    static final int CURVE_ROWS = 7;
    static final int EVERY = 7;
    static final long SEED = 11;
    private static final long CHILD_TIMEOUT_SECONDS = 120;

    @TempDir
    static Path shared;
    private static Path dataRoot;
    private static Child referenceChild;
    private static Child secondChild;
    private static Result reference;
    private static Result second;

    /**
     * Starts the two uninterrupted runs (the reference and a second JVM with the same seed) in the background;
     * the crash tests run their children meanwhile and compare at the end.
     */
    @BeforeAll
    static void startUninterruptedRuns() throws IOException {
        dataRoot = TestData.omniglotDirectory().toAbsolutePath().normalize().getParent();
        int window = CurveRecorder.windowFor(ITERATIONS, CURVE_ROWS);
        assertEquals(4, window, "the test wants a curve window of 4 iterations");
        assertTrue(EVERY % window != 0 && window % EVERY != 0, "window and checkpoint interval must not be compatible");
        referenceChild = Child.start(shared.resolve("reference"), "train", null, 0, 0);
        secondChild = Child.start(shared.resolve("second"), "train", null, 0, 0);
    }

    @AfterAll
    static void stopChildren() throws InterruptedException {
        for (Child c : new Child[] {referenceChild, secondChild}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** The uninterrupted run, in its own JVM. */
    private static synchronized Result reference() throws Exception {
        if (reference == null) {
            referenceChild.awaitExit();
            reference = Result.read(shared.resolve("reference"));
        }
        return reference;
    }

    private static synchronized Result second() throws Exception {
        if (second == null) {
            secondChild.awaitExit();
            second = Result.read(shared.resolve("second"));
        }
        return second;
    }

    @Test
    @Timeout(300)
    void killedInTheMiddleOfTrainingResumesBitIdentically(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("run").resolve("omniglot.ckpt");
        int killAfter = EVERY + 2; // beyond the first checkpoint
        long last;
        try (Child c = Child.start(dir.resolve("killed"), "train", ckpt, killAfter, 0)) {
            c.await(line -> line.equals("ITER " + killAfter));
            c.kill();
            last = c.lastIteration();
            assertTrue(last >= killAfter && last < ITERATIONS, "killed mid-run, last reported iteration " + last);
        }
        assertTrue(Files.isRegularFile(ckpt), "a checkpoint was written before the kill");

        Path out = dir.resolve("resumed");
        long first;
        try (Child c = Child.start(out, "resume", ckpt, 0, 0)) {
            first = Long.parseLong(c.await(line -> line.startsWith("STARTED ")).substring(8));
            c.awaitExit();
        }
        assertTrue(first >= EVERY && first % EVERY == 0 && first <= last,
                "resumed from the last checkpoint before the kill, got iteration " + first);
        reference().assertSameAs(Result.read(out), "resumed after a kill after iteration " + last + " (from " + first + ")");
    }

    @Test
    @Timeout(300)
    void killedDuringACheckpointWriteResumesFromThePreviousCheckpoint(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        Path ckpt = runDir.resolve("omniglot.ckpt");
        byte[] before;
        try (Child c = Child.start(dir.resolve("killed"), "train", ckpt, 0, 2)) { // hang in the 2nd checkpoint write
            String writing = c.await(line -> line.startsWith("WRITING "));
            assertEquals(ckpt.toAbsolutePath(), Path.of(writing.substring(8)).toAbsolutePath(), "the checkpoint file is being written");
            before = Files.readAllBytes(ckpt); // the first checkpoint; the child sleeps before moving the new one in place
            c.kill();
            assertEquals(2L * EVERY, c.lastIteration(), "killed while writing the second checkpoint");
            assertTrue(c.lines().stream().noneMatch(l -> l.equals("HANG-ENDED")));
        }
        assertTrue(Arrays.equals(before, Files.readAllBytes(ckpt)), "the first checkpoint is still in place, unchanged");
        List<String> leftovers;
        try (var files = Files.list(runDir)) {
            leftovers = files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(ckpt.getFileName().toString()) && !n.endsWith(".curve.csv")).toList();
        }
        assertTrue(!leftovers.isEmpty(), "the killed write left its temporary file behind (the case under test)");

        Path out = dir.resolve("resumed");
        long first;
        try (Child c = Child.start(out, "resume", ckpt, 0, 0)) {
            first = Long.parseLong(c.await(line -> line.startsWith("STARTED ")).substring(8));
            c.awaitExit();
        }
        assertEquals(EVERY, first, "resumes from the previous complete checkpoint (readable, not partial)");
        reference().assertSameAs(Result.read(out), "resumed after a kill inside the checkpoint write at iteration "
                + 2 * EVERY + " (leftovers " + leftovers + ")");
    }

    @Test
    @Timeout(300)
    void twoJvmsWithTheSameSeedComputeBitIdenticalParameters() throws Exception {
        reference().assertSameAs(second(), "a second JVM, same seed, parallel tasks");
    }

    /** What a child wrote: parameters, optimizer state, curve (seconds dropped). */
    record Result(float[] parameters, long steps, float[][] slots, String header, List<String> rows) {

        static Result read(Path out) throws IOException {
            float[] params;
            try (DataInputStream in = new DataInputStream(Files.newInputStream(out.resolve("parameters.bin")))) {
                params = floats(in);
            }
            long steps;
            float[][] slots;
            try (DataInputStream in = new DataInputStream(Files.newInputStream(out.resolve("optimizer.bin")))) {
                steps = in.readLong();
                slots = new float[in.readInt()][];
                for (int i = 0; i < slots.length; i++) {
                    slots[i] = in.readBoolean() ? floats(in) : null;
                }
            }
            List<String> lines = Files.readAllLines(out.resolve("curve.csv"), StandardCharsets.UTF_8);
            List<String> columns = Arrays.asList(lines.get(0).split(","));
            int seconds = columns.indexOf(CurveRecorder.SECONDS);
            assertTrue(seconds >= 0, "curve has a seconds column: " + columns);
            List<String> rows = lines.stream().skip(1).map(l -> dropColumn(l, seconds)).toList();
            return new Result(params, steps, slots, dropColumn(lines.get(0), seconds), rows);
        }

        private static String dropColumn(String line, int column) {
            List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            cells.remove(column);
            return String.join(",", cells);
        }

        private static float[] floats(DataInputStream in) throws IOException {
            float[] v = new float[in.readInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readFloat();
            }
            return v;
        }

        void assertSameAs(Result actual, String what) {
            assertAll(what,
                () -> assertBits("parameters", parameters, actual.parameters),
                () -> {
                    assertEquals(steps, actual.steps, "optimizer steps");
                    assertEquals(slots.length, actual.slots.length, "optimizer slot count");
                    for (int s = 0; s < slots.length; s++) {
                        assertEquals(slots[s] == null, actual.slots[s] == null, "optimizer slot " + s + " presence");
                        if (slots[s] != null) {
                            assertBits("optimizer slot " + s, slots[s], actual.slots[s]);
                        }
                    }
                },
                () -> {
                    assertEquals(header, actual.header, "curve columns");
                    assertEquals(iterations(rows), iterations(actual.rows), "curve rows (iteration column)");
                    for (int r = 0; r < rows.size(); r++) {
                        assertEquals(rows.get(r), actual.rows.get(r), "curve row " + r + " (" + header + ")");
                    }
                });
        }

        private static List<String> iterations(List<String> rows) {
            return rows.stream().map(r -> r.substring(0, r.indexOf(','))).collect(Collectors.toList());
        }

        private static void assertBits(String what, float[] expected, float[] actual) {
            assertEquals(expected.length, actual.length, what + " length");
            int differing = 0;
            int firstIndex = -1;
            for (int i = 0; i < expected.length; i++) {
                if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                    differing++;
                    firstIndex = firstIndex < 0 ? i : firstIndex;
                }
            }
            if (differing > 0) {
                fail(what + ": " + differing + " of " + expected.length + " values differ, first at " + firstIndex
                        + ": expected " + expected[firstIndex] + ", got " + actual[firstIndex]);
            }
        }
    }

    /** A CrashProbe JVM; stdout lines are collected by a reader thread, stderr goes to a file. */
    static final class Child implements AutoCloseable {
        private static final String EOF = "\u0000EOF";
        private final Process process;
        private final Path stderr;
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final List<String> lines = new ArrayList<>();

        private Child(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        queue.add(line);
                    }
                } catch (IOException ignored) {
                    // the process was killed
                } finally {
                    queue.add(EOF);
                }
            }, "crash-probe-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        /** Starts CrashProbe; {@code checkpoint} null trains without one. */
        static Child start(Path out, String mode, Path checkpoint, int slowAfter, int hangOnCheckpointWrite)
                throws IOException {
            Files.createDirectories(out);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.awt.headless=true", "-D" + DataDirectory.PROPERTY + "=" + dataRoot));
            String cache = System.getProperty("metalearn.cache");
            if (cache != null && !cache.isBlank()) {
                cmd.add("-Dmetalearn.cache=" + cache);
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashProbe.class.getName(), mode,
                    out.toString(), checkpoint == null ? "-" : checkpoint.toString(), String.valueOf(ITERATIONS),
                    String.valueOf(CURVE_ROWS), String.valueOf(EVERY), String.valueOf(SEED),
                    String.valueOf(slowAfter), String.valueOf(hangOnCheckpointWrite)));
            Path err = out.resolve("stderr.txt");
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            return new Child(p, err);
        }

        /** Waits for the first stdout line matching {@code wanted} and returns it. */
        String await(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
            while (true) {
                String line = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    fail("child timed out waiting for a marker line" + diagnostics());
                }
                if (line.equals(EOF)) {
                    fail("child ended before the expected marker line" + diagnostics());
                }
                if (wanted.test(line)) {
                    return line;
                }
            }
        }

        /** SIGKILL, then wait for the process and for the rest of its output. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "killed child exits");
            assertNotEquals(0, process.exitValue(), "the child was killed, not finished");
            drain();
            assertTrue(lines().stream().noneMatch(l -> l.equals("DONE")), "killed before the end of training");
        }

        void awaitExit() throws InterruptedException {
            if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("child did not finish in " + CHILD_TIMEOUT_SECONDS + " s" + diagnostics());
            }
            drain();
            assertEquals(0, process.exitValue(), "child exit code" + diagnostics());
            assertTrue(lines().contains("DONE"), "child finished" + diagnostics());
        }

        private void drain() throws InterruptedException {
            for (String line; (line = queue.poll(30, TimeUnit.SECONDS)) != null; ) {
                if (line.equals(EOF)) {
                    return;
                }
            }
        }

        List<String> lines() {
            synchronized (lines) {
                return new ArrayList<>(lines);
            }
        }

        /** The last iteration the child reported (0 if none). */
        long lastIteration() {
            return lines().stream().filter(l -> l.startsWith("ITER ")).mapToLong(l -> Long.parseLong(l.substring(5)))
                    .max().orElse(0);
        }

        private String diagnostics() {
            String err;
            try {
                err = Files.readString(stderr);
            } catch (IOException e) {
                err = "(no stderr: " + e.getMessage() + ")";
            }
            List<String> out = lines();
            return "\n--- stdout (last lines) ---\n" + String.join("\n", out.subList(Math.max(0, out.size() - 20), out.size()))
                    + "\n--- stderr (tail) ---\n" + err.substring(Math.max(0, err.length() - 4000));
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
