package org.metalearn.dsl;

import java.util.List;

/**
 * Computes the rows of a sweep's runs, and trains the rung jobs of a halving search. The local executors run them
 * in this JVM: one at a time (each run may use every core for its own parallel parts) or {@code n} at once, each
 * single-threaded. Rows come back in the order of the points whatever the executor, and are equal (apart from wall
 * time) because each is a pure function of its point. An executor for a cluster implements the same methods.
 */
public interface SweepExecutor {
    /** The row of every point, in the order of {@code points}. */
    List<SweepRow> execute(List<RunPoint> points, SweepJob job);

    /**
     * How this executor trains the rungs of {@code search} (how many at once, and where); the search keeps the
     * decisions. Called once before anything of the search runs, so an executor that cannot train them, or not this
     * search, fails here; one that runs whole sweeps only keeps this default, which refuses.
     */
    default RungTrainer rungs(HalvingSearch search) {
        throw new IllegalArgumentException("halving: " + this + " runs whole sweeps only, not the rungs of a halving "
                + "search; run it with the local executors (search.run()) or one that trains rungs, e.g. "
                + "SparkSweeps.executor");
    }

    /**
     * One run after another; each run's own parallel parts use every core. A run another process is training is
     * left for later: the other runs go first, then the sweep waits for it (or takes it over if its claim lapses).
     */
    static SweepExecutor sequential() {
        return new LocalExecutor(1, Runtime.getRuntime().availableProcessors());
    }

    /** {@code runs} runs at once, each on one thread (the runs spread over the cores); claimed runs as above. */
    static SweepExecutor parallel(int runs) {
        Rules.SWEEP_PARALLEL.check(runs);
        return new LocalExecutor(runs, 1);
    }
}
