package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * A real crash of a halving search: a child JVM runs {@link HalvingSearchTest}'s search and is killed with SIGKILL
 * at its 40th meta-iteration (a run stopped at its first rung, the rung results and decisions so far journalled);
 * running the search again on the same store must give the table of an uninterrupted search, every metric bit for
 * bit (the wall time aside).
 */
class HalvingCrashTest {
    @Test
    @Timeout(180)
    void aKilledSearchRerunGivesTheUninterruptedTable(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("killed");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                HalvingProbe.class.getName(), store.toString());
        Process child = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ITER 40")) {
                assertFalse(line.equals("DONE"), "the search ended before the kill");
            }
            if (line == null) {
                fail("the child ended early: " + Files.readString(dir.resolve("stderr.txt")));
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "killed child exits");
            assertNotEquals(0, child.exitValue(), "killed, not finished");
        } finally {
            child.destroyForcibly();
        }
        Path journal;
        try (Stream<Path> files = Files.list(store.resolve("searches"))) {
            journal = files.findFirst().orElseThrow();
        }
        List<String> before = Files.readAllLines(journal);
        assertTrue(before.stream().anyMatch(l -> l.startsWith("done")), "some rungs were journalled: " + before);

        Table whole = HalvingSearchTest.sweep(dir.resolve("whole")).halving(3, 4).run();
        Table rerun = HalvingSearchTest.sweep(store).halving(3, 4).run();
        assertEquals(SweepTest.withoutTime(whole), SweepTest.withoutTime(rerun));
        List<String> after = Files.readAllLines(journal);
        assertEquals(before, after.subList(0, before.size()), "the journal went on from where it was cut");
        assertTrue(after.size() > before.size());
    }
}
