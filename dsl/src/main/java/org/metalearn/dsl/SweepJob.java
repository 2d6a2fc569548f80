package org.metalearn.dsl;

import static org.metalearn.dsl.Settings.Key;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.metalearn.learn.TrainingListener;
import org.metalearn.report.CurveRecorder;
import tech.tablesaw.api.Table;

/**
 * What a sweep does for one {@link RunPoint}: apply it to the base settings, look the run up in the store, and
 * either read its stored result (finished: its files are not touched), resume it from its checkpoint
 * (unfinished), or train it; then store and return its row. The row depends on the point only (and the base),
 * never on which executor, thread or JVM computes it, apart from the measured wall time. A run is trained under a
 * claim in the store ({@link LeaseClaims}), so that sweeps sharing a store (other JVMs, Spark executors on a shared
 * filesystem) train each run once.
 */
public final class SweepJob {
    /** Test tasks of the final evaluation when the base spec has no {@code evaluateEvery}. */
    static final int DEFAULT_EVALUATION_TASKS = 100;

    private final Settings base;
    private final RunStore store;
    private final int checkpointEvery;
    private final LeaseClaims claims = LeaseClaims.fromSystemProperties();
    private final SweepListener events;
    /** The runs whose row went to {@link #events}. */
    private final Set<Integer> reported = ConcurrentHashMap.newKeySet();

    SweepJob(Settings base, RunStore store, int checkpointEvery) {
        this(base, store, checkpointEvery, SweepListener.all(List.of()));
    }

    private SweepJob(Settings base, RunStore store, int checkpointEvery, SweepListener events) {
        this.base = base.has(Key.EVALUATE_EVERY) ? base
                : base.with(Key.EVALUATE_EVERY, EvaluationSchedule.atEnd(DEFAULT_EVALUATION_TASKS));
        this.store = store;
        this.checkpointEvery = checkpointEvery;
        this.events = events;
    }

    /** This job telling {@code events} when a run starts training and when its row is there (rung 0). */
    SweepJob reporting(SweepListener events) {
        return new SweepJob(base, store, checkpointEvery, events);
    }

    /** Reports the rows whose runs this job did not compute itself (an executor on a cluster), as trained. */
    void reportRest(List<SweepRow> rows) {
        for (int i = 0; i < rows.size(); i++) {
            if (!reported.contains(i)) {
                reached(i, rows.get(i), false);
            }
        }
    }

    private SweepRow reached(int run, SweepRow row, boolean stored) {
        reported.add(run);
        events.reached(run, 0, row, stored);
        return row;
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

    /**
     * Runs (or reads back) one point with {@code workers} threads for its own parallel parts; while another process
     * trains it (its claim in the store is live), waits for that run's result or takes it over once the claim is
     * stale.
     */
    public SweepRow run(RunPoint point, int workers) {
        while (true) {
            Optional<SweepRow> row = tryRun(point, workers);
            if (row.isPresent()) {
                return row.get();
            }
            pause();
        }
    }

    /**
     * Runs (or reads back) one point unless another process holds a live claim on it (then empty: take other points
     * first and try again after a {@link #pause()}).
     */
    Optional<SweepRow> tryRun(RunPoint point, int workers) {
        Resolved resolved = resolve(point);
        Map<String, String> identity = resolved.identity();
        String key = RunStore.key(identity);
        Map<String, Object> shown = point.shown();
        if (store.finished(key)) {
            store.claim(identity); // checks the stored identity: a collision fails here
            return Optional.of(reached(point.index(), store.read(key).withSettings(shown), true));
        }
        Path dir = store.claim(identity);
        Optional<RunLease> claim = claims.tryClaim(dir);
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        try (RunLease lease = claim.get()) {
            if (store.finished(key)) { // finished by another process after the check above
                return Optional.of(reached(point.index(), store.read(key).withSettings(shown), true));
            }
            events.training(point.index(), 0);
            return Optional.of(reached(point.index(), train(point, resolved, dir, key, workers, lease), false));
        } catch (ClaimLostException e) {
            System.err.println("sweep " + point + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Sleeps before a sweep looks again at runs claimed elsewhere; an interrupt stops the sweep. */
    void pause() {
        try {
            Thread.sleep(claims.pauseMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep: interrupted while waiting for runs claimed by other processes",
                    e);
        }
    }

    private SweepRow train(RunPoint point, Resolved resolved, Path dir, String key, int workers, RunLease lease) {
        long iterations = resolved.plan().metaIterations();
        int every = checkpointEvery > 0 ? checkpointEvery : (int) Math.max(1, iterations / 20);
        TrainingListener guard = guard(lease, key);
        Settings s = settings(point).with(Key.CHECKPOINT, dir.resolve(RunStore.CHECKPOINT))
                .with(Key.CHECKPOINT_EVERY, every).with(Key.PROGRESS, false).with(Key.WORKERS, workers)
                .adding(Key.LISTENERS, guard);
        // resolved again: the thread count is part of the plan (not of its identity, so the key stays the same)
        RunSession session = new RunSession(Resolver.resolve(s), s);
        Run run = session.hasCheckpoint() ? session.resume() : session.train();
        Table curve = run.curve();
        SweepRow row = row(key, point.shown(), curve, iterations);
        store.write(row, curve);
        return row;
    }

    /** Claims of runs in the store, shared with the halving search's rungs. */
    LeaseClaims claims() {
        return claims;
    }

    /** A listener that stops training once {@code lease} was taken over by another process. */
    static TrainingListener guard(RunLease lease, String key) {
        return r -> {
            if (lease.lostTo() != null) {
                throw new ClaimLostException("the claim on run " + key + " lapsed (this process stalled past the lease "
                        + "timeout) and " + lease.lostTo() + " holds it now; the sweep waits for its result");
            }
        };
    }

    /** Training stopped because another process took the run's claim over. */
    static final class ClaimLostException extends IllegalStateException {
        ClaimLostException(String message) {
            super(message);
        }
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
