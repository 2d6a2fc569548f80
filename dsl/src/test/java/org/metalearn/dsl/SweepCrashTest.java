package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
        KilledChild.killAt(dir, SweepProbe.class, "ITER 2 25", store.toString());
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
