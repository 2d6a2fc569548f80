package org.metalearn.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** One run after another; each run's own parallel parts use every core. */
    static SweepExecutor sequential() {
        int cores = Runtime.getRuntime().availableProcessors();
        return (points, job) -> {
            List<SweepRow> rows = new ArrayList<>();
            for (RunPoint p : points) {
                rows.add(job.run(p, cores));
            }
            return rows;
        };
    }

    /** {@code runs} runs at once, each on one thread (the runs spread over the cores). */
    static SweepExecutor parallel(int runs) {
        Rules.SWEEP_PARALLEL.check(runs);
        return (points, job) -> {
            SweepRow[] rows = new SweepRow[points.size()];
            AtomicInteger next = new AtomicInteger();
            Workers.run("sweep", Math.max(1, Math.min(runs, points.size())), worker -> {
                for (int i = next.getAndIncrement(); i < rows.length; i = next.getAndIncrement()) {
                    Workers.checkInterrupted("sweep");
                    rows[i] = job.run(points.get(i), 1);
                }
            });
            return Arrays.asList(rows);
        };
    }
}
