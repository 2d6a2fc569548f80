package org.metalearn.learn;

import java.util.List;

/**
 * The optimizer of the inner loop. It is stateful and, as in the official code, one instance serves
 * all tasks of a training run, so its state carries over from task to task (docs/paper.md#adam).
 */
public interface InnerOptimizer {

    /** Updates {@code params} in place from {@code gradient}. */
    void step(float[] params, float[] gradient);

    /** An independent optimizer with the same hyper-parameters and a copy of the state. */
    InnerOptimizer copy();

    OptimizerState state();

    void restore(OptimizerState state);

    double learningRate();

    /**
     * The state after tasks that all started from {@code start} and ended in {@code ends} (in task order), as
     * if they had run one after another (see {@link TaskExecution#PARALLEL}). Stateless optimizers keep theirs.
     */
    default void merge(OptimizerState start, List<OptimizerState> ends) {
        restore(start);
    }

    /** e.g. "SGD(lr=0.02)". */
    String describe();
}
