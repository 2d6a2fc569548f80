package org.metalearn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.metalearn.report.Recorded;
import tech.tablesaw.api.Table;

/**
 * Every result recorded in the repository's {@code results/} reads back and holds together: Table 2's four cells
 * once each, accuracies that are percentages, 95 % intervals no wider than the widest a per-task accuracy in [0, 1]
 * allows for that many tasks (1.96 * 50 / sqrt(tasks) points), the paper's numbers as the toolkit quotes them, and a
 * learning curve whose iterations increase. The T2 notebook's recorded view shows these same files.
 */
class RecordedResultsTest {
    private static final Path RESULTS = Path.of("..", "results");

    @Test
    void everyRecordedTable2ParsesAndHoldsTogether() throws IOException {
        List<Path> runs = recordedRuns();
        assertFalse(runs.isEmpty(), "no recorded run with a table2.csv under " + RESULTS.toAbsolutePath());
        for (Path folder : runs) {
            String name = RESULTS.relativize(folder).toString();
            Recorded r = Recorded.in(RESULTS, name);
            Table raw = r.results();
            assertEquals(4, raw.rowCount(), name);
            Set<String> cells = new TreeSet<>();
            for (int i = 0; i < raw.rowCount(); i++) {
                int ways = raw.intColumn("ways").get(i);
                int shots = raw.intColumn("shots").get(i);
                boolean transductive = raw.booleanColumn("transductive").get(i);
                int tasks = raw.intColumn("tasks").get(i);
                double accuracy = raw.doubleColumn("accuracy").get(i);
                double ci95 = raw.doubleColumn("ci95").get(i);
                cells.add(shots + "/" + transductive);
                assertTrue(accuracy > 100.0 / ways && accuracy <= 100, name + ": accuracy " + accuracy);
                assertTrue(ci95 > 0 && ci95 <= 1.96 * 50 / Math.sqrt(tasks), name + ": ci95 " + ci95);
                assertEquals(Table2.paper(ways, shots, transductive), raw.doubleColumn("paper %").get(i), name);
            }
            assertEquals(Set.of("1/false", "1/true", "5/false", "5/true"), cells, name);
            assertEquals(4, r.table().rowCount(), name);
            Table curve = r.curve();
            assertTrue(curve.rowCount() > 1, name);
            for (int i = 1; i < curve.rowCount(); i++) {
                assertTrue(curve.intColumn("iteration").get(i) > curve.intColumn("iteration").get(i - 1), name);
            }
            assertTrue(r.provenance().contains("identity: {algorithm=reptile"), name);
        }
    }

    @Test
    void theTable2RunIsRecordedFinishedOrWithItsStatusAndCurveSoFar() {
        Recorded r = Recorded.in(RESULTS, "table2-omniglot-5way");
        assertTrue(r.finished() || (r.status().startsWith("training: meta-iteration ") && r.curve().rowCount() > 0)
                || r.status().startsWith("evaluating "), r.status());
    }

    /**
     * The equal-budget table (bench/equal_budget.sh): three engines for each of the four cells, and its overlap column
     * says what the numbers say (every pair of the cell's 95 % intervals overlaps); docs/results.md quotes it.
     */
    @Test
    void theEqualBudgetTableHasThreeEnginesPerCellAndItsOverlapColumnIsRight() {
        Path file = RESULTS.resolve("equal-budget").resolve("table.csv");
        if (!Files.exists(file)) { // written when all three engines are done
            assertTrue(Files.exists(RESULTS.resolve("equal-budget").resolve("ours-parallel").resolve("table2.csv")));
            return;
        }
        Table t = Table.read().csv(file.toFile());
        assertEquals(List.of("shots", "transductive", "engine", "tasks", "accuracy", "ci95", "overlap"), t.columnNames());
        assertEquals(12, t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            int shots = t.intColumn("shots").get(i);
            boolean transductive = t.booleanColumn("transductive").get(i);
            List<Integer> cell = new java.util.ArrayList<>();
            for (int j = 0; j < t.rowCount(); j++) {
                if (t.intColumn("shots").get(j) == shots && t.booleanColumn("transductive").get(j) == transductive) {
                    cell.add(j);
                }
            }
            assertEquals(3, cell.size(), shots + "/" + transductive);
            boolean overlap = true;
            for (int a : cell) {
                for (int b : cell) {
                    overlap &= Math.abs(t.doubleColumn("accuracy").get(a) - t.doubleColumn("accuracy").get(b))
                            <= t.doubleColumn("ci95").get(a) + t.doubleColumn("ci95").get(b);
                }
            }
            assertEquals(overlap, t.booleanColumn("overlap").get(i), "row " + i);
        }
    }

    /**
     * Figures 3 and 4 once recorded (./metalearn figure3, figure4): Figure 3 has its ten curves to the same last
     * iteration, each point's interval no wider than 500 tasks allow; each claims.csv is what its figure's CSV
     * gives. Before they are recorded there is nothing to check.
     */
    @Test
    void recordedFigures3And4HoldTogether() {
        Path figure3 = RESULTS.resolve(Figure3.RECORDED).resolve("figure3.csv");
        if (Files.exists(figure3)) {
            Recorded r = Recorded.in(RESULTS, Figure3.RECORDED);
            Table curves = r.csv("figure3.csv");
            assertEquals(10, curves.stringColumn("label").unique().size());
            assertEquals(10, curves.where(curves.intColumn("iteration").isEqualTo(
                    curves.intColumn("iteration").max())).rowCount(), "every curve reaches the last evaluation");
            for (int i = 0; i < curves.rowCount(); i++) {
                double ci95 = curves.numberColumn("ci95").getDouble(i);
                assertTrue(ci95 > 0 && ci95 <= 1.96 * 50 / Math.sqrt(500), "ci95 " + ci95);
            }
            assertEquals(Figure3Claims.of(curves).print(), r.csv("claims.csv").setName(Figure3Claims.of(curves)
                    .name()).print());
        }
        Path figure4 = RESULTS.resolve(Figure4.RECORDED).resolve("figure4.csv");
        if (Files.exists(figure4)) {
            Recorded r = Recorded.in(RESULTS, Figure4.RECORDED);
            Table points = r.csv("figure4.csv");
            assertEquals(3 * (Figure4.STEPS.length + Figure4.BATCHES.length + Figure4.OUTER.length), points.rowCount());
            Table claims = Figure4Claims.of(points);
            assertEquals(claims.print(), r.csv("claims.csv").setName(claims.name()).print());
        }
    }

    @Test
    void thePaperNumbersAreTable2s() {
        assertEquals(95.39, Table2.paper(5, 1, false));
        assertEquals(99.48, Table2.paper(5, 5, true));
        assertEquals(89.43, Table2.paper(20, 1, true));
        assertEquals(96.65, Table2.paper(20, 5, false));
    }

    private static List<Path> recordedRuns() throws IOException {
        try (Stream<Path> s = Files.walk(RESULTS)) {
            return s.filter(p -> p.getFileName().toString().equals("table2.csv")).map(Path::getParent).sorted()
                    .toList();
        }
    }
}
