package org.metalearn.learn;

import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Task;

/**
 * Reptile (docs/paper.md#reptile): W = k optimizer steps on the task from theta; the task's contribution is
 * W - theta. With meta-batch n the trainer makes this theta += eps * mean_i(W_i - theta).
 */
public final class Reptile implements MetaAlgorithm {

    @Override
    public String name() {
        return "reptile";
    }

    @Override
    public TaskLosses contribution(Learner learner, InnerOptimizer optimizer, float[] theta, Task task,
                                   InnerSettings inner, UniformRandomProvider batchRng, float[] delta) {
        var batches = TaskBatches.draw(task, inner.batchSize(), inner.steps(), inner.replacement(), batchRng);
        TaskLosses losses = InnerLoop.run(learner, optimizer, theta, batches, delta, null);
        for (int p = 0; p < delta.length; p++) {
            delta[p] -= theta[p];
        }
        return losses;
    }
}
