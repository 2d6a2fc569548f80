package org.metalearn.dsl;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.metalearn.util.Workers;

/**
 * Computes the rows of a sweep's runs. The local executors run them in this JVM: one at a time (each run may use
 * every core for its own parallel parts) or {@code n} at once, each single-threaded, through {@link Workers}.
 * Rows come back in the order of the points whatever the executor, and are equal (apart from wall time) because
 * each is a pure function of its point. An executor for a cluster implements the same method.
 */
public interface SweepExecutor {
    /** The row of every point, in the order of {@code points}. */
    List<SweepRow> execute(List<RunPoint> points, SweepJob job);

    /**
     * One run after another; each run's own parallel parts use every core. A run another process is training is
     * left for later: the other runs go first, then the sweep waits for it (or takes it over if its claim lapses).
     */
    static SweepExecutor sequential() {
        int cores = Runtime.getRuntime().availableProcessors();
        return (points, job) -> {
            SweepRow[] rows = new SweepRow[points.size()];
            drain(pending(points.size()), points, job, cores, rows);
            return Arrays.asList(rows);
        };
    }

    /** {@code runs} runs at once, each on one thread (the runs spread over the cores); claimed runs as above. */
    static SweepExecutor parallel(int runs) {
        Rules.SWEEP_PARALLEL.check(runs);
        return (points, job) -> {
            SweepRow[] rows = new SweepRow[points.size()];
            Queue<Integer> pending = pending(points.size());
            Workers.run("sweep", Math.max(1, Math.min(runs, points.size())),
                    worker -> drain(pending, points, job, 1, rows));
            return Arrays.asList(rows);
        };
    }

    private static Queue<Integer> pending(int points) {
        Queue<Integer> q = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < points; i++) {
            q.add(i);
        }
        return q;
    }

    /**
     * Takes points from {@code pending} until it is empty; a point claimed elsewhere goes back to the end, and once
     * every point in the queue was found claimed since the last one that ran, the worker pauses.
     */
    private static void drain(Queue<Integer> pending, List<RunPoint> points, SweepJob job, int workers,
                              SweepRow[] rows) {
        int misses = 0;
        for (Integer i = pending.poll(); i != null; i = pending.poll()) {
            Workers.checkInterrupted("sweep");
            Optional<SweepRow> row = job.tryRun(points.get(i), workers);
            if (row.isPresent()) {
                rows[i] = row.get();
                misses = 0;
            } else {
                pending.add(i);
                if (++misses >= pending.size()) {
                    job.pause();
                    misses = 0;
                }
            }
        }
    }
}
