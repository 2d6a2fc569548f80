package org.metalearn.learn;

import java.util.function.Supplier;
import org.metalearn.models.LearnerFactory;
import org.metalearn.tasks.TaskDistribution;

/** Everything a meta-training run needs, validated; the plain-Java counterpart of the DSL. */
public record TrainingPlan(TaskDistribution tasks, LearnerFactory model, MetaAlgorithm algorithm,
                           Supplier<InnerOptimizer> optimizer, InnerSettings inner, int metaBatch,
                           LinearSchedule metaStep, long metaIterations, long seed,
                           Supplier<OuterOptimizer> outer, TaskExecution execution, int workers) {

    /** A plan whose meta-batch runs one task after another (the official order). */
    public TrainingPlan(TaskDistribution tasks, LearnerFactory model, MetaAlgorithm algorithm,
                        Supplier<InnerOptimizer> optimizer, InnerSettings inner, int metaBatch,
                        LinearSchedule metaStep, long metaIterations, long seed, Supplier<OuterOptimizer> outer) {
        this(tasks, model, algorithm, optimizer, inner, metaBatch, metaStep, metaIterations, seed, outer,
                TaskExecution.SEQUENTIAL, 1);
    }

    /** A plan with the paper's outer loop: interpolation theta += eps_i * mean delta. */
    public TrainingPlan(TaskDistribution tasks, LearnerFactory model, MetaAlgorithm algorithm,
                        Supplier<InnerOptimizer> optimizer, InnerSettings inner, int metaBatch,
                        LinearSchedule metaStep, long metaIterations, long seed) {
        this(tasks, model, algorithm, optimizer, inner, metaBatch, metaStep, metaIterations, seed,
                OuterOptimizer::interpolation);
    }

    public TrainingPlan {
        if (metaBatch < 1) {
            throw new IllegalArgumentException("metaBatch must be >= 1, got " + metaBatch);
        }
        if (metaIterations < 1) {
            throw new IllegalArgumentException("metaIterations must be >= 1, got " + metaIterations);
        }
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be >= 0, got " + seed);
        }
        if (execution == null) {
            throw new IllegalArgumentException("execution must be SEQUENTIAL or PARALLEL, got null");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        algorithm.validate(optimizer.get());
        if (!inner.replacement() && inner.batchSize() > tasks.poolSize()) {
            throw new IllegalArgumentException("innerBatch must be <= " + tasks.poolSize() + " (the " + tasks.name()
                    + " task's sample pool) when sampling without replacement, got " + inner.batchSize());
        }
    }
}
