package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.sine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.TrainingListener;
import org.metalearn.report.CurveRecorder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Evaluation during training ({@code evaluateEvery}): it must not change training (its own random stream, copies of
 * the weights), its values land on the right curve rows, and a run resumed from a checkpoint has the same curve,
 * evaluations included, as an uninterrupted one.
 */
class PeriodicEvaluationTest {
    private static ReptileSpec sineSpec() {
        return meta().reptile().on(sine()).metaIterations(60).seed(3).curveRows(30).progress(false);
    }

    @Test
    void evaluatingDuringTrainingLeavesSineTrainingBitIdentical() {
        Run plain = sineSpec().train();
        Run evaluated = sineSpec().evaluateEvery(20, 5).train();
        assertArrayEquals(plain.parameters(), evaluated.parameters());
        assertEquals(plain.optimizerState().steps(), evaluated.optimizerState().steps());
        Table curve = evaluated.curve();
        DoubleColumn loss = curve.doubleColumn(CurveRecorder.EVAL_LOSS);
        List<Integer> evaluatedAt = new ArrayList<>();
        for (int r = 0; r < curve.rowCount(); r++) {
            if (!loss.isMissing(r)) {
                evaluatedAt.add(curve.intColumn(CurveRecorder.ITERATION).getInt(r));
                assertTrue(loss.getDouble(r) > 0, "an MSE is positive");
            }
        }
        assertEquals(List.of(20, 40, 60), evaluatedAt);
        assertTrue(curve.doubleColumn(CurveRecorder.EVAL_ACCURACY).isMissing().size() == curve.rowCount(),
                "sine has no accuracy");
        assertFalse(plain.curve().columnNames().contains(CurveRecorder.EVAL_LOSS), "no columns when switched off");
        // same test tasks every time, so later evaluations of a learning model are not all equal
        assertTrue(loss.getDouble(loss.isNotMissing().get(0)) != loss.getDouble(loss.isNotMissing().get(2)));
    }

    @Test
    void evaluatingDuringTrainingLeavesClassificationTrainingBitIdentical() {
        var spec = meta().reptile().on(EvaluationFixture.SYNTHETIC).model(EvaluationFixture.mlp(5)).metaIterations(6)
                .progress(false);
        Run plain = spec.train();
        Run evaluated = spec.evaluateEvery(3, 4).train();
        assertArrayEquals(plain.parameters(), evaluated.parameters());
        Table curve = evaluated.curve();
        DoubleColumn accuracy = curve.doubleColumn(CurveRecorder.EVAL_ACCURACY);
        assertEquals(2, accuracy.isNotMissing().size(), "evaluated after iterations 3 and 6");
        for (int r : accuracy.isNotMissing()) {
            assertTrue(accuracy.getDouble(r) >= 0 && accuracy.getDouble(r) <= 100, "a percentage");
        }
        assertEquals(curve.rowCount(), curve.doubleColumn(CurveRecorder.EVAL_LOSS).isMissing().size());
    }

    @Test
    void evalProtocolSetsTheFineTuningOfEveryEvaluation() {
        var spec = meta().reptile().on(EvaluationFixture.SYNTHETIC).model(EvaluationFixture.mlp(5)).metaIterations(2)
                .evalProtocol(5, 25).evaluateEvery(1, 3).progress(false);
        Resolved r = spec.resolve();
        assertEquals(5, r.evaluation().iterations());
        assertEquals("25", r.identity().get("evalBatch"), "the curve depends on it, so the checkpoint must agree");
        assertEquals(5, spec.train().evaluate().protocol().iterations(), "the default of run.evaluate() too");
        var e = assertThrows(IllegalArgumentException.class, () -> sineSpec().evalProtocol(5, 25).resolve());
        assertTrue(e.getMessage().startsWith("evalProtocol: sine is not a classification task"), e.getMessage());
    }

    /** Fails a run at one iteration: a crash after the checkpoint before it. */
    private record FailAt(long iteration) implements TrainingListener {
        @Override
        public void iteration(IterationReport r) {
            if (r.iteration() == iteration) {
                throw new IllegalStateException("crash at " + iteration);
            }
        }
    }

    @Test
    void resumedRunHasTheUninterruptedCurveEvaluationsIncluded(@TempDir Path dir) {
        ReptileSpec spec = sineSpec().evaluateEvery(10, 5);
        Run whole = spec.train();
        Path ckpt = dir.resolve("sine.ckpt");
        assertThrows(IllegalStateException.class, () -> spec.checkpoint(ckpt, 15).listener(new FailAt(37)).train());
        Run resumed = spec.checkpoint(ckpt, 15).resume();
        assertArrayEquals(whole.parameters(), resumed.parameters());
        Table a = whole.curve().removeColumns(CurveRecorder.SECONDS);
        Table b = resumed.curve().removeColumns(CurveRecorder.SECONDS);
        assertEquals(CrashProbe.csv(a), CrashProbe.csv(b));
        assertEquals(6, b.doubleColumn(CurveRecorder.EVAL_LOSS).isNotMissing().size());
    }

    @Test
    void theCurveWindowDividesTheEvaluationInterval() {
        Resolved r = meta().reptile().on(sine()).metaIterations(1000).curveRows(10).evaluateEvery(30, 5).resolve();
        assertEquals(0, 30 % r.curveWindow());
        assertEquals(30, r.curveWindow(), "the largest divisor of 30 not above the window of 100");
        assertEquals("30", r.identity().get("evaluateEvery"));
    }
}
