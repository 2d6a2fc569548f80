package org.metalearn.learn;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.metalearn.models.LearnerFactory;
import org.metalearn.tasks.ClassificationTasks;
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

    /**
     * Every setting that changes the numbers a run produces, by name: a checkpoint records it and a resume with
     * any difference is refused. The worker count is left out on purpose: results do not depend on it.
     */
    public Map<String, String> identity() {
        Map<String, String> id = new LinkedHashMap<>();
        id.put("algorithm", algorithm.describe());
        id.put("tasks", tasks.name());
        if (tasks instanceof ClassificationTasks c) {
            id.put("ways", String.valueOf(c.ways()));
            id.put("trainShots", String.valueOf(c.shots()));
        }
        id.put("model", model.name());
        id.put("innerOptimizer", optimizer.get().describe());
        id.put("innerSteps", String.valueOf(inner.steps()));
        id.put("innerBatch", String.valueOf(inner.batchSize()));
        id.put("replacement", String.valueOf(inner.replacement()));
        id.put("metaBatch", String.valueOf(metaBatch));
        id.put("metaStep", metaStep.start() + " -> " + metaStep.end());
        id.put("metaIterations", String.valueOf(metaIterations));
        id.put("seed", String.valueOf(seed));
        id.put("outer", outer.get().describe());
        id.put("execution", execution.name().toLowerCase(Locale.ROOT));
        return id;
    }

    /** The plan's identity, field by field (its suppliers and factories would print as object dumps). */
    @Override
    public String toString() {
        return "TrainingPlan" + identity();
    }
}
