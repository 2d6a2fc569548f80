package org.metalearn.learn;

/**
 * The optimizer of the inner loop. It is stateful and, as in the official code, one instance serves
 * all tasks of a training run, so its state carries over from task to task (PAPER.md 1.6).
 */
public interface InnerOptimizer {

    /** Updates {@code params} in place from {@code gradient}. */
    void step(float[] params, float[] gradient);

    /** An independent optimizer with the same hyper-parameters and a copy of the state. */
    InnerOptimizer copy();

    OptimizerState state();

    void restore(OptimizerState state);

    double learningRate();

    /** e.g. "SGD(lr=0.02)". */
    String describe();
}
