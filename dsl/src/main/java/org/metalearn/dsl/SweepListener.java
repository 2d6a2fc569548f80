package org.metalearn.dsl;

import java.util.List;

/**
 * Subscriber to the progress of a sweep or a halving search ({@code sweep.listener(...)}), e.g. a notebook's live
 * sweep display; the sweep calls it from its worker threads, so an implementation synchronises itself. A plain
 * sweep is a search of one rung per run (its budget): rung 0. Events come from the local executors; a cluster
 * executor reports every run at the end.
 */
public interface SweepListener {

    /**
     * The runs and their rungs in meta-iterations ({@code rungs.get(run)}, the last at the run's budget), and
     * {@code eta}: the fraction 1/eta of a rung promoted (0 for a plain sweep).
     */
    record Plan(List<long[]> rungs, int eta) {
        public Plan {
            rungs = List.copyOf(rungs);
        }

        /** A plain sweep's plan: one rung per run, its budget. */
        static Plan sweep(List<Long> budgets) {
            return new Plan(budgets.stream().map(b -> new long[] {b}).toList(), 0);
        }
    }

    /** Before any run: what will run. */
    void started(Plan plan);

    /** A worker starts (or resumes) training run {@code run} up to its rung {@code level}. */
    void training(int run, int level);

    /**
     * Run {@code run} reached rung {@code level} with {@code row} (its metrics there); {@code stored}: read back
     * from the run store (trained earlier) rather than trained now.
     */
    void reached(int run, int level, SweepRow row, boolean stored);

    /** The sweep ended: {@code completed} false when it was stopped or failed. */
    void finished(boolean completed);

    /** Several listeners as one, called in order. */
    static SweepListener all(List<SweepListener> listeners) {
        List<SweepListener> copy = List.copyOf(listeners);
        return new SweepListener() {
            @Override
            public void started(Plan plan) {
                copy.forEach(l -> l.started(plan));
            }

            @Override
            public void training(int run, int level) {
                copy.forEach(l -> l.training(run, level));
            }

            @Override
            public void reached(int run, int level, SweepRow row, boolean stored) {
                copy.forEach(l -> l.reached(run, level, row, stored));
            }

            @Override
            public void finished(boolean completed) {
                copy.forEach(l -> l.finished(completed));
            }
        };
    }
}
