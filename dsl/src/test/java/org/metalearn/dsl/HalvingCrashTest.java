package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        KilledChild.killAt(dir, HalvingProbe.class, "ITER 40", store.toString());
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
