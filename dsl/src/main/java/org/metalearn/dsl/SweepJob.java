package org.metalearn.dsl;

import static org.metalearn.dsl.Settings.Key;

import java.nio.file.Path;
import java.util.Map;
import org.metalearn.report.CurveRecorder;
import tech.tablesaw.api.Table;

/**
 * What a sweep does for one {@link RunPoint}: apply it to the base settings, look the run up in the store, and
 * either read its stored result (finished: its files are not touched), resume it from its checkpoint
 * (unfinished), or train it; then store and return its row. The row depends on the point only (and the base),
 * never on which executor, thread or JVM computes it, apart from the measured wall time.
 */
public final class SweepJob {
    /** Test tasks of the final evaluation when the base spec has no {@code evaluateEvery}. */
    static final int DEFAULT_EVALUATION_TASKS = 100;

    private final Settings base;
    private final RunStore store;
    private final int checkpointEvery;

    SweepJob(Settings base, RunStore store, int checkpointEvery) {
        this.base = base.has(Key.EVALUATE_EVERY) ? base
                : base.with(Key.EVALUATE_EVERY, EvaluationSchedule.atEnd(DEFAULT_EVALUATION_TASKS));
        this.store = store;
        this.checkpointEvery = checkpointEvery;
    }

    /** The settings of a point's run (before store, checkpoint and thread settings are added). */
    Settings settings(RunPoint point) {
        return point.applyTo(base);
    }

    /** Resolves a point; a bad combination fails naming the point. */
    Resolved resolve(RunPoint point) {
        try {
            return Resolver.resolve(settings(point));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sweep " + point + ": " + e.getMessage(), e);
        }
    }

    public RunStore store() {
        return store;
    }

    /** Runs (or reads back) one point with {@code workers} threads for its own parallel parts. */
    public SweepRow run(RunPoint point, int workers) {
        Resolved resolved = resolve(point);
        Map<String, String> identity = resolved.identity();
        String key = RunStore.key(identity);
        Map<String, Object> shown = point.shown();
        if (store.finished(key)) {
            store.claim(identity); // checks the stored identity: a collision fails here
            return store.read(key).withSettings(shown);
        }
        Path dir = store.claim(identity);
        long iterations = resolved.plan().metaIterations();
        int every = checkpointEvery > 0 ? checkpointEvery : (int) Math.max(1, iterations / 20);
        Settings s = settings(point).with(Key.CHECKPOINT, dir.resolve(RunStore.CHECKPOINT))
                .with(Key.CHECKPOINT_EVERY, every).with(Key.PROGRESS, false).with(Key.WORKERS, workers);
        // resolved again: the thread count is part of the plan (not of its identity, so the key stays the same)
        RunSession session = new RunSession(Resolver.resolve(s), s);
        Run run = session.hasCheckpoint() ? session.resume() : session.train();
        Table curve = run.curve();
        SweepRow row = row(key, shown, curve, iterations);
        store.write(row, curve);
        return row;
    }

    /** The final metrics: the last curve row holds the final evaluation and the training loss. */
    private static SweepRow row(String key, Map<String, Object> shown, Table curve, long iterations) {
        int last = curve.rowCount() - 1;
        return new SweepRow(key, shown, curve.doubleColumn(CurveRecorder.EVAL_ACCURACY).getDouble(last),
                curve.doubleColumn(CurveRecorder.EVAL_LOSS).getDouble(last),
                curve.doubleColumn(CurveRecorder.EVAL_CI95).getDouble(last),
                curve.doubleColumn(CurveRecorder.LOSS).getDouble(last), iterations,
                curve.doubleColumn(CurveRecorder.SECONDS).getDouble(last));
    }
}
