package org.metalearn.dsl;

/**
 * How an executor trains the rung jobs of a halving search: {@link #slots()} at once, each by a blocking call of
 * {@link #train}. The search keeps its scheduler in its own JVM: one of its threads per slot takes the next
 * decision, hands it to {@link #train} and reports the row, so where a rung trains (this JVM, a Spark executor)
 * never changes what is decided. Made by {@link SweepExecutor#rungs}.
 */
public interface RungTrainer {
    /** How many rungs train at once (the search runs one thread per slot, at most one per run). */
    int slots();

    /**
     * The row of {@code point}'s run at meta-iteration {@code iteration}: its checkpoint resumed and trained there
     * under the run's lease (or read back), as {@link RungJob#runTo}. Called from {@link #slots()} threads at once.
     */
    SweepRow train(RunPoint point, long iteration);
}
