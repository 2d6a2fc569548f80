package org.metalearn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.data.TestData;
import org.metalearn.report.CurveRecorder;
import org.metalearn.report.Recorded;
import tech.tablesaw.api.Table;

/**
 * {@code ./metalearn figure3} at a tiny budget on the real Omniglot: the ten curves evaluated on schedule, the chart,
 * the claims table and the provenance written; a restart reads every run back and trains nothing; what the F3
 * notebook's recorded view reads is what the command wrote.
 */
class Figure3Test {
    @Test
    void recordsTheTenCurvesTheClaimsAndReadsFinishedRunsBack(@TempDir Path tmp) throws Exception {
        TestData.withOmniglotData(() -> {
            Path out = tmp.resolve("figure3-paper");
            String[] args = {"--iterations", "20", "--every", "10", "--tasks", "5", "--out", out.toString()};
            Figure3.run(args);
            for (String f : List.of("figure3.csv", "figure3.png", "claims.csv", "provenance.txt", "status.txt")) {
                assertTrue(Files.size(out.resolve(f)) > 0, f);
            }
            Table curves = Table.read().csv(out.resolve("figure3.csv").toFile());
            assertEquals(List.of("label", "iteration", "evalAccuracy", "ci95"), curves.columnNames());
            assertEquals(10, curves.stringColumn("label").unique().size());
            assertEquals(20, curves.rowCount(), "two evaluations (10, 20) per curve");
            for (int r = 0; r < curves.rowCount(); r++) {
                int iteration = curves.intColumn(CurveRecorder.ITERATION).get(r);
                assertTrue(iteration == 10 || iteration == 20, "evaluated at " + iteration);
                double accuracy = curves.numberColumn(CurveRecorder.EVAL_ACCURACY).getDouble(r);
                assertTrue(accuracy >= 0 && accuracy <= 100, "accuracy " + accuracy);
            }
            Table claims = Table.read().csv(out.resolve("claims.csv").toFile());
            assertEquals(List.of(Claims.COLUMNS), claims.columnNames());
            assertEquals(11, claims.rowCount());
            assertEquals(4, claims.stringColumn("claim").unique().size());
            assertTrue(Files.readString(out.resolve("provenance.txt")).startsWith(
                    "command: ./metalearn figure3 --iterations 20 --every 10 --tasks 5"));
            assertTrue(Files.readString(out.resolve("status.txt")).startsWith("finished "));

            // a restart reads the ten finished runs back: no run file is written again, the records are the same
            Map<Path, FileTime> runs = modified(out.resolve("runs"));
            byte[] before = Files.readAllBytes(out.resolve("figure3.csv"));
            Figure3.run(args);
            assertEquals(runs, modified(out.resolve("runs")));
            assertEquals(new String(before), Files.readString(out.resolve("figure3.csv")));

            // the notebook's recorded view reads these files
            Recorded recorded = Recorded.in(tmp, "figure3-paper");
            assertEquals(claims.print(), recorded.csv("claims.csv").setName(claims.name()).print());
            assertEquals(10, Figure3.chart(recorded.csv("figure3.csv")).getSeriesMap().values().stream()
                    .filter(s -> s.isShowInLegend()).count());
        });
    }

    @Test
    void theNotebooksPaperModeRunsTheCommandsSweepInItsStore() throws IOException {
        String notebook = Files.readString(Path.of("..", "notebooks", "F3_gradient_combinations.ipynb"));
        for (String code : List.of("Budget.pick(500, GradientCombination.META_ITERATIONS)",
                "Budget.pick(50, Figure3.EVERY)", "Budget.pick(20, Figure3.TASKS)", "Figure3.sweep(its3, every3, tasks3)",
                "Recorded.folder(Figure3.RECORDED).resolve(\\\"runs\\\")")) {
            assertTrue(notebook.contains(code), "F3 notebook lacks " + code);
        }
        assertEquals(10, Figure3.sweep(40_000, Figure3.EVERY, Figure3.TASKS).points().size());
    }

    static Map<Path, FileTime> modified(Path dir) throws IOException {
        Map<Path, FileTime> times = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                times.put(dir.relativize(p), Files.getLastModifiedTime(p));
            }
        }
        return times;
    }
}
