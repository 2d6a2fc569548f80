package org.metalearn.learn;

import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Task;

/**
 * One meta-learning algorithm: what a single task contributes to the meta-update. The trainer averages
 * the contributions of the meta-batch and applies theta += eps_i * mean(delta) (docs/paper.md#reptile).
 */
public interface MetaAlgorithm {

    /** e.g. "reptile". */
    String name();

    /** The name with every setting that changes the numbers (e.g. the tail), for plans and checkpoints. */
    default String describe() {
        return name();
    }

    /** Rejects an inner optimizer this algorithm cannot work with (second-order MAML needs plain SGD). */
    default void validate(InnerOptimizer optimizer) {
    }

    /**
     * Adapts on {@code task} starting from {@code theta} (left unchanged) and writes this task's
     * contribution to the meta-update into {@code delta}.
     */
    TaskLosses contribution(Learner learner, InnerOptimizer optimizer, float[] theta, Task task,
                            InnerSettings inner, UniformRandomProvider batchRng, float[] delta);
}
