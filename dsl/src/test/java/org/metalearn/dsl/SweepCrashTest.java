package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * A real crash of a sweep: a child JVM runs {@link SweepTest}'s four-run sine sweep and is killed with SIGKILL
 * in the middle of its second run (past that run's first checkpoint); re-running the sweep on the same store
 * must give the table of an uninterrupted sweep, every metric bit for bit (the wall time aside), with the first
 * run read back and the second resumed from its checkpoint.
 */
class SweepCrashTest {
    @Test
    @Timeout(180)
    void aKilledSweepRerunGivesTheUninterruptedTable(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("killed");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), SweepProbe.class.getName(),
                store.toString());
        Process child = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ITER 2 25")) {
                assertFalse(line.equals("DONE"), "the sweep ended before the kill");
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
        Table whole = SweepTest.sweep(dir.resolve("whole")).run();
        String first = whole.stringColumn("key").get(0);
        String second = whole.stringColumn("key").get(1);
        RunStore killed = RunStore.at(store);
        assertTrue(killed.finished(first), "the first run finished before the kill");
        assertFalse(killed.finished(second), "the second run was killed");
        assertTrue(Files.isRegularFile(killed.folder(second).resolve(RunStore.CHECKPOINT)), "it left a checkpoint");

        Table rerun = SweepTest.sweep(store).run();
        assertEquals(SweepTest.withoutTime(whole), SweepTest.withoutTime(rerun));
        assertEquals(4, killed.table().rowCount());
    }
}
