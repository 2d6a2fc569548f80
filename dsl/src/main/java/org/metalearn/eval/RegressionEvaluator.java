package org.metalearn.eval;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.learn.InnerLoop;
import org.metalearn.learn.InnerOptimizer;
import org.metalearn.learn.InnerSettings;
import org.metalearn.learn.TaskBatches;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Task;
import org.metalearn.tasks.TaskDistribution;
import org.metalearn.util.RandomStreams;
import org.metalearn.util.Workers;

/**
 * Test loss of meta-learned weights on regression tasks (sine has no accuracy): per new task, the run's own inner
 * loop (its steps, batch size and a copy of its optimizer state) on a copy of the weights, then the mean squared
 * error over the task's whole pool (the 50-point grid for sine). The arguments are never changed.
 */
public final class RegressionEvaluator {
    private RegressionEvaluator() {
    }

    /**
     * Mean loss over {@code tasks} tasks and its 95 % interval. Each task draws from its own stream, seeded in task
     * order from {@code rng}, so the result does not depend on the number of {@code workers}.
     */
    public static EvaluationPoint evaluate(long iteration, Learner prototype, float[] theta, InnerOptimizer optimizer,
                                           TaskDistribution source, InnerSettings inner, int tasks,
                                           UniformRandomProvider rng, int workers) {
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be >= 1, got " + tasks);
        }
        long[] seeds = new long[tasks];
        for (int t = 0; t < tasks; t++) {
            seeds[t] = rng.nextLong();
        }
        double[] losses = new double[tasks];
        AtomicInteger next = new AtomicInteger();
        Workers.run("regression-evaluation", Math.max(1, Math.min(workers, tasks)), worker -> {
            Learner learner = prototype.copy();
            float[] adapted = new float[theta.length];
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                Workers.checkInterrupted("evaluation");
                UniformRandomProvider taskRng = RandomStreams.fromSeed(seeds[t]);
                Task task = source.sample(taskRng);
                InnerLoop.run(learner, optimizer.copy(), theta,
                        TaskBatches.draw(task, inner.batchSize(), inner.steps(), inner.replacement(), taskRng),
                        adapted, null);
                learner.setParameters(adapted);
                losses[t] = learner.loss(task.all());
            }
        });
        double mean = 0;
        for (double l : losses) {
            mean += l;
        }
        mean /= tasks;
        double ss = 0;
        for (double l : losses) {
            ss += (l - mean) * (l - mean);
        }
        double sd = tasks > 1 ? Math.sqrt(ss / (tasks - 1)) : 0;
        return new EvaluationPoint(iteration, mean, Double.NaN, 1.96 * sd / Math.sqrt(tasks));
    }
}
