package org.metalearn.tasks;

import org.apache.commons.rng.UniformRandomProvider;

/** A family of tasks to meta-learn over; {@link #sample} draws one training task's pool. */
public interface TaskDistribution {

    /** Short name for tables and file names, e.g. "sine", "omniglot test". */
    String name();

    /** The family this task source belongs to (its paper settings are chosen by it), e.g. "omniglot". */
    default String family() {
        return name();
    }

    /** Draws one task for meta-training. */
    Task sample(UniformRandomProvider rng);

    /** Number of samples in each training task's pool (the bound for innerBatch without replacement). */
    int poolSize();

    int inputWidth();

    int outputWidth();

    /** Classification families accept ways/shots; regression families do not. */
    boolean isClassification();

    /**
     * The same family with {@code ways} classes and {@code shots} examples per class in each training task
     * (null = keep); regression families have no such shape and return themselves.
     */
    default TaskDistribution shaped(Integer ways, Integer shots) {
        return this;
    }
}
