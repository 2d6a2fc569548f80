package org.metalearn.learn;

import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Task;

/**
 * Joint training (pre-training on the expected loss, the baseline of Figure 1): every task contributes
 * one optimizer step from theta on one of its mini-batches, so the meta-batch average is a stochastic
 * gradient step on the loss averaged over tasks. Reptile with k = 1 reduces to exactly this (docs/paper.md#joint-training).
 */
public final class JointTraining implements MetaAlgorithm {

    @Override
    public String name() {
        return "joint";
    }

    @Override
    public TaskLosses contribution(Learner learner, InnerOptimizer optimizer, float[] theta, Task task,
                                   InnerSettings inner, UniformRandomProvider batchRng, float[] delta) {
        var batch = TaskBatches.draw(task, inner.batchSize(), 1, inner.replacement(), batchRng);
        float[] stepped = new float[theta.length];
        return InnerLoop.run(learner, optimizer, theta, batch, stepped, delta);
    }
}
