package org.metalearn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.data.TestData;
import org.metalearn.report.Recorded;
import tech.tablesaw.api.Table;

/**
 * {@code ./metalearn figure4} at a tiny budget on the real Omniglot (the small grids): the three panels' points, the
 * three-panel chart, the claims table and the provenance written; a restart reads every run back and trains
 * nothing; the F4 notebook's recorded view reads what the command wrote; the notebook's paper mode runs the
 * command's sweeps.
 */
class Figure4Test {
    @Test
    void recordsTheThreePanelsTheClaimsAndReadsFinishedRunsBack(@TempDir Path tmp) throws Exception {
        TestData.withOmniglotData(() -> {
            Path out = tmp.resolve("figure4");
            String[] args = {"--iterations", "2", "--tasks", "3", "--grid", "small", "--out", out.toString()};
            Figure4.run(args);
            for (String f : List.of("figure4.csv", "figure4.png", "claims.csv", "provenance.txt", "status.txt")) {
                assertTrue(Files.size(out.resolve(f)) > 0, f);
            }
            Table figure = Table.read().csv(out.resolve("figure4.csv").toFile());
            assertEquals(List.of("panel", "setting", "value", "algorithm", "accuracy", "ci95"), figure.columnNames());
            assertEquals(9 + 9 + 6, figure.rowCount(), "3 algorithms x (3 steps, 3 batches, 2 outer steps)");
            assertEquals(3, figure.stringColumn("algorithm").unique().size());
            Table claims = Table.read().csv(out.resolve("claims.csv").toFile());
            assertEquals(List.of(Claims.COLUMNS), claims.columnNames());
            assertEquals(13, claims.rowCount());
            assertEquals(3, claims.stringColumn("claim").unique().size());
            // 21 runs: (a)'s 4 inner iterations of 25 and (b)'s batch of 25 are the same run for each algorithm, trained once
            try (var runs = Files.list(out.resolve("runs"))) {
                assertEquals(9 + 9 - 3 + 6, runs.filter(Files::isDirectory).count());
            }

            Map<Path, FileTime> runs = Figure3Test.modified(out.resolve("runs"));
            byte[] before = Files.readAllBytes(out.resolve("figure4.csv"));
            Figure4.run(args);
            assertEquals(runs, Figure3Test.modified(out.resolve("runs")));
            assertEquals(new String(before), Files.readString(out.resolve("figure4.csv")));

            Recorded recorded = Recorded.in(tmp, "figure4");
            assertEquals(claims.print(), recorded.csv("claims.csv").setName(claims.name()).print());
            assertEquals(3, Figure4.charts(recorded.csv("figure4.csv")).size());
        });
    }

    @Test
    void theNotebooksPaperModeRunsTheCommandsSweepsInItsStore() throws Exception {
        String notebook = Files.readString(Path.of("..", "notebooks", "F4_overlap.ipynb"));
        for (String code : List.of("Budget.pick(20, Figure4.ITERATIONS)", "Budget.pick(30, Figure4.TASKS)",
                "Figure4.panels(its4, tasks4, steps4, batches4, outer4)",
                "Recorded.folder(Figure4.RECORDED).resolve(\\\"runs\\\")",
                "new int[] {2, 3, 4, 5, 6, 8, 10, 16}", "new int[] {5, 10, 15, 20, 25, 35, 50}",
                "new double[] {0.1, 0.25, 0.5, 1.0, 2.0}")) {
            assertTrue(notebook.contains(code), "F4 notebook lacks " + code);
        }
        assertEquals("[2, 3, 4, 5, 6, 8, 10, 16]", java.util.Arrays.toString(Figure4.STEPS));
        assertEquals("[5, 10, 15, 20, 25, 35, 50]", java.util.Arrays.toString(Figure4.BATCHES));
        assertEquals("[0.1, 0.25, 0.5, 1.0, 2.0]", java.util.Arrays.toString(Figure4.OUTER));
    }
}
