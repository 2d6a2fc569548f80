package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.sine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.models.Activation;
import org.metalearn.models.lean.DenseNet;
import org.metalearn.models.Initializers;
import org.metalearn.models.LearnerFactory;
import org.metalearn.models.Loss;
import org.metalearn.report.CurveRecorder;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.tasks.SyntheticClasses;
import tech.tablesaw.api.Table;

/**
 * Halving on small sine runs: a run promoted through every rung (stopped, checkpointed and resumed at each) ends
 * bit-identical to the same run trained straight through; the table gives each run's metric at each rung and why
 * it stopped (losses ranked lowest first, accuracies highest first); a finished search run again trains nothing
 * and gives the same table; bad settings fail clearly.
 */
class HalvingSearchTest {
    static final int ITERATIONS = 36;

    static ReptileSpec base() {
        return meta().reptile().on(sine()).metaIterations(ITERATIONS).seed(5).evaluateEvery(4, 6).progress(false);
    }

    static Sweep sweep(Path store) {
        return sweep(store, base());
    }

    static Sweep sweep(Path store, ReptileSpec base) {
        return meta().sweep(base).vary(Sweep.sample(9, 2, Sweep.logUniform("innerSgd", 0.003, 0.1),
                Sweep.integers("innerSteps", 1, 4))).store(store).checkpointEvery(5);
    }

    @Test
    void aRunPromotedThroughEveryRungEndsAsTrainedStraightThrough(@TempDir Path dir) throws Exception {
        HalvingSearch search = sweep(dir.resolve("runs")).halving(3, 4);
        assertArrayEquals(new long[] {4, 12, 36}, search.rungs().get(0));
        Table t = search.run();
        assertEquals(9, t.rowCount());
        assertEquals(List.of("innerSgd", "innerSteps", "evalLoss@4", "evalLoss@12", "evalLoss@36", "rung",
                "stopped",
                "evalLoss", "ci95", "trainLoss", "iterations", "seconds", "key"), t.columnNames());
        assertStopReasonsHold(t);
        int winner = t.stringColumn("stopped").indexOf("full budget");
        Table history = search.history();
        String key = t.stringColumn("key").get(winner);
        assertEquals(List.of(1, 2, 3), history.where(history.stringColumn("key").isEqualTo(key))
                .intColumn("rung").asList(), "trained rung by rung");

        double sgd = t.doubleColumn("innerSgd").getDouble(winner);
        int steps = t.intColumn("innerSteps").getInt(winner);
        ReptileSpec same = base().innerSgd(sgd).innerSteps(steps);
        Path straightFile = dir.resolve("straight.ckpt");
        Run straight = same.checkpoint(straightFile, 5).train();
        Path promotedFile = dir.resolve("runs").resolve(key).resolve(RunStore.CHECKPOINT);
        Run promoted = same.checkpoint(promotedFile, 5).resume(); // at its end already: reads it back
        assertEquals(ITERATIONS, promoted.state().iteration());
        assertArrayEquals(straight.parameters(), promoted.parameters());
        assertEquals(straight.optimizerState(), promoted.optimizerState());
        assertEquals(CrashProbe.csv(straight.curve().removeColumns(CurveRecorder.SECONDS)),
                CrashProbe.csv(promoted.curve().removeColumns(CurveRecorder.SECONDS)));
        Table last = straight.curve();
        int end = last.rowCount() - 1;
        assertEquals(last.doubleColumn(CurveRecorder.EVAL_LOSS).getDouble(end), t.doubleColumn("evalLoss")
                .getDouble(winner));
        assertEquals(last.doubleColumn(CurveRecorder.LOSS).getDouble(end), t.doubleColumn("trainLoss")
                .getDouble(winner));
        // the promoted run is the sweep's run: a plain sweep of the same settings reads its result back
        Table plain = meta().sweep(base()).vary(Sweep.together(Sweep.innerSgd(sgd), Sweep.innerSteps(steps)))
                .store(dir.resolve("runs")).run();
        assertEquals(key, plain.stringColumn("key").get(0));
        assertEquals(t.doubleColumn("evalLoss").getDouble(winner), plain.doubleColumn("evalLoss").getDouble(0));
    }

    @Test
    void aFinishedSearchRunAgainTrainsNothingAndGivesTheSameTable(@TempDir Path store) throws Exception {
        HalvingSearch search = sweep(store).parallel(2).halving(3, 4);
        Table first = search.run();
        var before = SweepTest.snapshot(store);
        Table again = sweep(store).parallel(2).halving(3, 4).run();
        assertEquals(CrashProbe.csv(first), CrashProbe.csv(again));
        assertEquals(before, SweepTest.snapshot(store));
        assertStopReasonsHold(first);
        assertTrue(Files.isDirectory(store.resolve("searches")));
    }

    static void assertStopReasonsHold(Table t) {
        assertStopReasonsHold(t, new String[] {"evalLoss@4", "evalLoss@12", "evalLoss@36"}, 3, false);
    }

    /**
     * Every rung's metric column is filled by the runs that got there; a run stopped at rung r is not in the top
     * 1/eta of the runs finished there (ASHA may have promoted others early, but never leaves one of the top behind),
     * and at least one run reached the full budget.
     */
    static void assertStopReasonsHold(Table t, String[] rungs, int eta, boolean higherIsBetter) {
        assertEquals(t.rowCount(), t.doubleColumn(rungs[0]).removeMissing().size(), t.toString());
        assertTrue(t.doubleColumn(rungs[1]).removeMissing().size() >= t.rowCount() / eta, t.toString());
        assertTrue(t.stringColumn("stopped").countOccurrences("full budget") >= 1, t.toString());
        for (int r = 0; r < t.rowCount(); r++) {
            String why = t.stringColumn("stopped").get(r);
            if (why.equals("full budget")) {
                assertEquals(rungs.length, t.intColumn("rung").getInt(r));
                continue;
            }
            int rung = Integer.parseInt(why.substring(("below the top 1/" + eta + " at rung ").length()));
            assertEquals(rung, t.intColumn("rung").getInt(r));
            var column = t.doubleColumn(rungs[rung - 1]);
            double mine = column.getDouble(r);
            long better = column.asList().stream().filter(v -> v != null && !Double.isNaN(v)
                    && (higherIsBetter ? v > mine : v < mine)).count();
            assertTrue(better >= column.removeMissing().size() / eta, "run " + r + " left behind at rung " + rung
                    + "\n" + t);
            assertTrue(Double.isNaN(t.doubleColumn(rungs[rung]).getDouble(r)), t.toString());
        }
    }

    @Test
    void aClassificationSearchRanksByAccuracy(@TempDir Path store) {
        ClassificationTasks synthetic = new ClassificationTasks("synthetic", new SyntheticClasses(60, 20, 16, 0.6, 7),
                new SyntheticClasses(30, 20, 16, 0.6, 8), 5, 5);
        int[] sizes = {16, 32, 5};
        LearnerFactory mlp = rng -> new DenseNet(sizes, Activation.RELU, Loss.SOFTMAX_CROSS_ENTROPY_SUM,
                Initializers.torchLinearDefault(sizes, rng));
        ReptileSpec base = meta().reptile().on(synthetic).ways(5).shots(1).trainShots(10).model(mlp).innerBatch(10)
                .metaBatch(2).metaIterations(40).evalProtocol(5, 5).evaluateEvery(10, 20).progress(false);
        Table t = meta().sweep(base).vary(Sweep.sample(6, 4, Sweep.logUniform("innerAdam", 1e-4, 3e-2),
                Sweep.integers("innerSteps", 1, 5))).store(store).parallel(2).halving(2, 10).run();
        assertStopReasonsHold(t, new String[] {"accuracy@10", "accuracy@20", "accuracy@40"}, 2, true);
        Table best = Sweep.best(t, "accuracy");
        assertEquals("full budget", best.stringColumn("stopped").get(0));
        assertEquals(40L, best.longColumn("iterations").get(0));
        assertTrue(best.doubleColumn("accuracy").get(0) > 20, best.toString());
    }

    @Test
    void withoutItsOwnScheduleARunIsEvaluatedAtItsRungsOnly(@TempDir Path dir) {
        ReptileSpec plain = meta().reptile().on(sine()).metaIterations(ITERATIONS).seed(5).progress(false);
        Path store = dir.resolve("runs");
        Table t = sweep(store, plain).halving(3, 4).run();
        RunStore runs = RunStore.at(store);
        int evaluatedAtAll = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            String key = t.stringColumn("key").get(r);
            // a stopped run's curve is its checkpoint's; a finished one's is in the store
            Table curve = runs.finished(key) ? runs.curve(key) : Table.read().csv(store.resolve(key)
                    .resolve(RunStore.CHECKPOINT + ".curve.csv").toFile());
            List<Integer> evaluated = new ArrayList<>();
            for (int i = 0; i < curve.rowCount(); i++) {
                if (!Double.isNaN(curve.doubleColumn(CurveRecorder.EVAL_LOSS).getDouble(i))) {
                    evaluated.add(curve.intColumn(CurveRecorder.ITERATION).getInt(i));
                }
            }
            List<Integer> rungs = List.of(4, 12, 36).subList(0, t.intColumn("rung").getInt(r));
            assertEquals(rungs, evaluated, "run " + r + ": evaluated at its rungs and nowhere else");
            evaluatedAtAll += evaluated.size();
        }
        assertTrue(evaluatedAtAll >= 9 + 3 + 1, "9 -> 3 -> 1 needs at least 13 evaluations: " + evaluatedAtAll);
        // the same search with the schedule spelled out is the same search (same keys, read back)
        Table spelled = sweep(store, plain.evaluateGeometric(4, 3, 100)).halving(3, 4).run();
        assertEquals(CrashProbe.csv(t), CrashProbe.csv(spelled));
    }

    @Test
    void badSettingsFailNamingTheFieldAndRange(@TempDir Path store) {
        Sweep sweep = sweep(store);
        assertEquals("eta must be >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> sweep.halving(1, 4)).getMessage());
        assertEquals("minIterations must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> sweep.halving(3, 0)).getMessage());
        assertEquals("halving: the spec's evaluation (every 4 on 6 tasks) skips rung 6 (rungs [6, 18, 36]); use "
                + "evaluateGeometric(6, 3, tasks) to evaluate the rungs only, or an evaluateEvery that divides "
                + "minIterations", assertThrows(IllegalArgumentException.class, () -> sweep.halving(3, 6)).getMessage());
    }

    @Test
    void rungsGrowByEtaUpToTheBudget() {
        assertArrayEquals(new long[] {100, 300, 1000}, HalvingSearch.rungs(1000, 100, 3)); // not 900, then 1000
        assertArrayEquals(new long[] {111, 333, 999, 3000}, HalvingSearch.rungs(3000, 111, 3)); // not 2997
        assertArrayEquals(new long[] {200, 600, 1800, 5000}, HalvingSearch.rungs(5000, 200, 3)); // 1800: 2.8x short
        assertArrayEquals(new long[] {6, 18, 36}, HalvingSearch.rungs(36, 6, 3)); // 18: 18^2*3 = 972 <= 36^2
        assertArrayEquals(new long[] {30, 90, 270, 810}, HalvingSearch.rungs(810, 30, 3));
        assertArrayEquals(new long[] {100, 1000}, HalvingSearch.rungs(1000, 100, 10));
        assertArrayEquals(new long[] {100, 200, 400}, HalvingSearch.rungs(400, 100, 2));
        assertArrayEquals(new long[] {50}, HalvingSearch.rungs(50, 100, 3));
    }
}
