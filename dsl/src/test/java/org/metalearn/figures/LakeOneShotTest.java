package org.metalearn.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.omniglotLake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.data.TestData;
import org.metalearn.dsl.Run;
import org.metalearn.util.CommandLine.UsageException;
import tech.tablesaw.api.Table;

/**
 * {@code ./metalearn lake} at a tiny budget on the real Omniglot and all_runs.zip: a row per evaluation point and
 * setting with the 20 runs' errors, the run stopped for them ending as one trained straight through, a restart
 * repeating nothing.
 */
class LakeOneShotTest {
    @Test
    void evaluatesTheRunsAtEachPointAndStoppingChangesNoNumber(@TempDir Path out) throws Exception {
        TestData.withOmniglotData(() -> {
            Path dir = out.resolve("lake");
            String[] args = {"--iterations", "3", "--at", "1,2", "--fine-tuning", "3,1", "--out", dir.toString()};
            LakeOneShot.run(args);
            Table errors = LakeOneShot.read(dir.resolve("errors.csv"));
            assertEquals(List.of(1L, 1L, 1L, 1L, 2L, 2L, 2L, 2L, 3L, 3L, 3L, 3L),
                    errors.longColumn("iteration").asList());
            assertEquals(List.of(1, 1, 3, 3, 1, 1, 3, 3, 1, 1, 3, 3), errors.intColumn("fineTuningSteps").asList());
            for (int r = 0; r < errors.rowCount(); r++) {
                assertEquals(r % 2 == 1, errors.booleanColumn("transductive").get(r));
            }
            assertEquals(4 + 20, errors.columnCount());
            for (int r = 0; r < errors.rowCount(); r++) {
                double sum = 0;
                for (int run = 1; run <= 20; run++) {
                    double e = errors.doubleColumn(String.format("run%02d", run)).getDouble(r);
                    assertTrue(e >= 0 && e <= 100 && Math.rint(e / 5) * 5 == e, "20 queries: multiples of 5 %, " + e);
                    sum += e;
                }
                assertEquals(sum / 20, errors.doubleColumn("mean error %").getDouble(r), 1e-9);
            }
            // stopped at 1 and 2 to evaluate, the run ends where one trained straight through ends
            Run straight = meta().reptile().on(omniglotLake()).ways(20).metaIterations(3).progress(false).train();
            Run stopped = meta().reptile().on(omniglotLake()).ways(20).metaIterations(3).progress(false)
                    .checkpoint(dir.resolve("checkpoint.bin"), 1_000).resume();
            assertArrayEquals(straight.parameters(), stopped.parameters());
            // a restart finds every point recorded: nothing is trained or evaluated again
            byte[] before = Files.readAllBytes(dir.resolve("errors.csv"));
            LakeOneShot.run(args);
            assertArrayEquals(before, Files.readAllBytes(dir.resolve("errors.csv")));
            var e = assertThrows(UsageException.class, () -> LakeOneShot.run(new String[] {"--iterations", "3",
                "--at", "5", "--out", dir.toString()}));
            assertEquals("--at must be in [1, 3] (the run's meta-iterations), got 5", e.getMessage());
            assertThrows(UsageException.class, () -> LakeOneShot.milestones("10,x"));
            assertEquals("--fine-tuning must be a comma-separated list of fine-tuning steps >= 0, got '50,-1'",
                    assertThrows(UsageException.class, () -> LakeOneShot.run(new String[] {"--fine-tuning", "50,-1",
                        "--out", dir.toString()})).getMessage());
            assertEquals(List.of(50L, 200L), List.copyOf(LakeOneShot.list(LakeOneShot.DEFAULT_FINE_TUNING,
                    "--fine-tuning", "fine-tuning steps", 0)));
        });
    }

    @Test
    void withinAlphabetTrainsOnTasksOfOneBackgroundAlphabet(@TempDir Path out) throws Exception {
        TestData.withOmniglotData(() -> {
            Path dir = out.resolve("within");
            LakeOneShot.run(new String[] {"--iterations", "2", "--at", "1", "--fine-tuning", "0", "--within-alphabet",
                "--out", dir.toString()});
            Table errors = LakeOneShot.read(dir.resolve("errors.csv"));
            assertEquals(List.of(1L, 1L, 2L, 2L), errors.longColumn("iteration").asList());
            String provenance = Files.readString(dir.resolve("provenance.txt"));
            assertTrue(provenance.contains("tasks=omniglot-lake-within-groups"), provenance);
            // the same run without the flag is another run: its checkpoint is refused, not resumed
            var e = assertThrows(UsageException.class, () -> LakeOneShot.run(new String[] {"--iterations", "2",
                "--at", "1", "--fine-tuning", "0", "--out", dir.toString()}));
            assertTrue(e.getMessage().contains("--out DIR starts a new run elsewhere"), e.getMessage());
        });
    }
}
