package org.metalearn.dsl;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.metalearn.util.Workers;

/**
 * The local executors of {@link SweepExecutor#sequential} and {@link SweepExecutor#parallel}: {@code runs} runs (or
 * a halving search's rungs) at once in this JVM, each with {@code workers} threads for its own parallel parts. A
 * class rather than a lambda because it serves both a sweep's points and a search's rung jobs.
 */
final class LocalExecutor implements SweepExecutor {
    private final int runs;
    private final int workers;

    LocalExecutor(int runs, int workers) {
        this.runs = runs;
        this.workers = workers;
    }

    /** A run another process is training is left for later: the other runs go first, then the sweep waits for it. */
    @Override
    public List<SweepRow> execute(List<RunPoint> points, SweepJob job) {
        SweepRow[] rows = new SweepRow[points.size()];
        Queue<Integer> pending = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < points.size(); i++) {
            pending.add(i);
        }
        // one thread runs on the caller's
        Workers.run("sweep", Math.max(1, Math.min(runs, points.size())),
                worker -> drain(pending, points, job, rows));
        return Arrays.asList(rows);
    }

    @Override
    public RungTrainer rungs(HalvingSearch search) {
        RungJob job = search.job();
        return new RungTrainer() {
            @Override
            public int slots() {
                return runs;
            }

            @Override
            public SweepRow train(RunPoint point, long iteration) {
                return job.runTo(point, iteration, workers);
            }
        };
    }

    /**
     * Takes points from {@code pending} until it is empty; a point claimed elsewhere goes back to the end, and once
     * every point in the queue was found claimed since the last one that ran, the worker pauses.
     */
    private void drain(Queue<Integer> pending, List<RunPoint> points, SweepJob job, SweepRow[] rows) {
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

    @Override
    public String toString() {
        return runs == 1 ? "the sequential executor" : "the local executor (" + runs + " runs at once)";
    }
}
