package org.metalearn.dsl;

import static org.metalearn.dsl.Settings.Key;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.metalearn.report.CurveRecorder;
import tech.tablesaw.api.Table;

/**
 * One rung of a halving search: a sweep run trained up to the rung's meta-iteration and checkpointed there, or
 * read back when it already got that far. The run is the sweep's own (same identity, key, store folder and
 * full-budget schedule; where it stops is not part of it), so the rung at its full budget is exactly
 * {@link SweepJob#run} and a run promoted rung by rung ends as if trained straight through. A rung's row holds the
 * curve row of its iteration, whose evaluation the run's {@code evaluateEvery} put there.
 */
public final class RungJob {
    private final SweepJob job;
    private final int checkpointEvery;

    RungJob(SweepJob job, int checkpointEvery) {
        this.job = job;
        this.checkpointEvery = checkpointEvery;
    }

    SweepJob job() {
        return job;
    }

    /** Whether {@code point}'s run is finished in the store (its rungs are read back, not trained). */
    boolean stored(RunPoint point) {
        return job.store().finished(RunStore.key(job.resolve(point).identity()));
    }

    /**
     * The row of {@code point} at meta-iteration {@code iteration}, training it there if needed, with
     * {@code workers} threads for its own parallel parts.
     */
    public SweepRow runTo(RunPoint point, long iteration, int workers) {
        Resolved resolved = job.resolve(point);
        long budget = resolved.plan().metaIterations();
        if (iteration >= budget) {
            return job.run(point, workers);
        }
        Map<String, String> identity = resolved.identity();
        String key = RunStore.key(identity);
        RunStore store = job.store();
        if (store.finished(key)) {
            store.claim(identity);
            return rowAt(store.curve(key), key, point, iteration);
        }
        Path dir = store.claim(identity);
        // as SweepJob: trained under a lease, so that sweeps sharing the store train a run once
        while (true) {
            Optional<RunLease> claim = job.claims().tryClaim(dir);
            if (claim.isPresent()) {
                try (RunLease lease = claim.get()) {
                    if (store.finished(key)) { // finished by another process meanwhile
                        return rowAt(store.curve(key), key, point, iteration);
                    }
                    int every = checkpointEvery > 0 ? checkpointEvery : (int) Math.max(1, budget / 20);
                    Settings s = job.settings(point).with(Key.CHECKPOINT, dir.resolve(RunStore.CHECKPOINT))
                            .with(Key.CHECKPOINT_EVERY, every).with(Key.PROGRESS, false).with(Key.WORKERS, workers)
                            .adding(Key.LISTENERS, SweepJob.guard(lease, key));
                    RunSession session = new RunSession(Resolver.resolve(s), s).stopAt(iteration);
                    Run run = session.hasCheckpoint() ? session.resume() : session.train();
                    return rowAt(run.curve(), key, point, iteration);
                } catch (SweepJob.ClaimLostException e) {
                    System.err.println("halving " + point + ": " + e.getMessage());
                }
            }
            job.pause();
        }
    }

    /** The curve row of {@code iteration} as a row of the search: its evaluation, training loss and seconds. */
    private static SweepRow rowAt(Table curve, String key, RunPoint point, long iteration) {
        for (int r = 0; r < curve.rowCount(); r++) {
            if (curve.intColumn(CurveRecorder.ITERATION).getInt(r) == iteration) {
                // every rung is evaluated (HalvingSearch checks the schedule), so its row holds an evaluation;
                // NaN there is a diverged run, ranked last
                return new SweepRow(key, point.shown(), curve.doubleColumn(CurveRecorder.EVAL_ACCURACY).getDouble(r),
                        curve.doubleColumn(CurveRecorder.EVAL_LOSS).getDouble(r),
                        curve.doubleColumn(CurveRecorder.EVAL_CI95).getDouble(r),
                        curve.doubleColumn(CurveRecorder.LOSS).getDouble(r), iteration,
                        curve.doubleColumn(CurveRecorder.SECONDS).getDouble(r));
            }
        }
        throw new IllegalStateException("halving: run " + key + " has no curve row at meta-iteration " + iteration);
    }
}
