package org.metalearn.learn;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Task;
import org.metalearn.util.RandomStreams;
import org.metalearn.util.Workers;

/**
 * The outer loop (docs/paper.md#outer-update): for each meta-iteration i, sample the meta-batch's tasks, collect each
 * task's contribution from the algorithm, then theta += eps_i * mean(contributions), eps_i linearly annealed
 * (or an outer Adam step on -mean(contributions), see {@link OuterOptimizer}).
 * The inner optimizer is one instance for the whole run, so its state carries over between tasks; the plan's
 * {@link TaskExecution} says whether a meta-batch's tasks run one after another or at once.
 */
public final class Trainer {
    private final TrainingPlan plan;

    public Trainer(TrainingPlan plan) {
        this.plan = plan;
    }

    public TrainingPlan plan() {
        return plan;
    }

    /** A fresh meta state: initial weights from the seed's INIT stream, fresh optimizer, iteration 0. */
    public MetaState initialState() {
        Learner learner = plan.model().create(RandomStreams.of(plan.seed(), RandomStreams.Role.INIT));
        return new MetaState(learner.parameters(), plan.optimizer().get(), plan.outer().get(), 0,
                RandomStreams.of(plan.seed(), RandomStreams.Role.TASKS),
                RandomStreams.of(plan.seed(), RandomStreams.Role.BATCHES));
    }

    /**
     * Trains from {@code state} up to the plan's last iteration, mutating the state in place. Interruptible: the
     * thread's interrupt status is checked before every meta-iteration (and by the parallel workers between
     * tasks); then it throws {@link TrainingInterruptedException} with the state at the last whole iteration and
     * the interrupt status still set, and does not call the listeners' {@code finished}.
     */
    public void train(MetaState state, List<? extends TrainingListener> listeners) {
        trainUntil(state, listeners, plan.metaIterations());
    }

    /**
     * As {@link #train} but stops once the state reaches iteration {@code stopAt} (at most the plan's last; a state
     * already there or beyond trains nothing). The outer step is still annealed over the plan's whole budget, so
     * stopping at {@code stopAt}, checkpointing and resuming later gives the numbers of training straight through;
     * the listeners' {@code finished} is called only when the plan's last iteration is reached.
     */
    public void trainUntil(MetaState state, List<? extends TrainingListener> listeners, long stopAt) {
        if (stopAt < 0 || stopAt > plan.metaIterations()) {
            throw new IllegalArgumentException("stopAt must be in [0, " + plan.metaIterations() + "], got " + stopAt);
        }
        try {
            loop(state, listeners, stopAt);
        } catch (TrainingInterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            // an interrupt can also surface as another failure, e.g. a listener's file write closed by it
            // (ClosedByInterruptException) or the workers' CancellationException: report it as the interruption
            if (Thread.currentThread().isInterrupted() || e instanceof CancellationException) {
                TrainingInterruptedException t = interrupted(state);
                t.initCause(e);
                throw t;
            }
            throw e;
        }
        if (state.iteration() >= plan.metaIterations()) {
            listeners.forEach(TrainingListener::finished);
        }
    }

    private TrainingInterruptedException interrupted(MetaState state) {
        Thread.currentThread().interrupt();
        return new TrainingInterruptedException(state.iteration(), plan.metaIterations(), -1);
    }

    private void loop(MetaState state, List<? extends TrainingListener> listeners, long stopAt) {
        long total = plan.metaIterations();
        Learner learner = plan.model().create(RandomStreams.of(plan.seed(), RandomStreams.Role.INIT));
        float[] theta = state.theta();
        int n = plan.metaBatch();
        float[] delta = new float[theta.length];
        float[] sum = new float[theta.length];
        UniformRandomProvider taskRng = state.taskRng();
        UniformRandomProvider batchRng = state.batchRng();
        listeners.forEach(l -> l.started(state.iteration(), total));
        long lastNanos = System.nanoTime();
        boolean parallel = plan.execution() == TaskExecution.PARALLEL;
        if (!parallel) {
            learner.lendCores(plan.workers()); // one task at a time: it may use every core granted
        }
        // lent cores, the tasks in sequence run on a thread of their own, as CoreLending asks
        try (ParallelMetaBatch batch = parallel ? new ParallelMetaBatch(learner, plan.workers(), n) : null;
             Workers own = !parallel && plan.workers() > 1 ? Workers.ownThread("tasks") : null) {
            Task[] tasks = new Task[n];
            long[] seeds = new long[n];
            while (state.iteration() < stopAt) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(state);
                }
                long i = state.iteration();
                double eps = plan.metaStep().at(i, total);
                double loss = 0;
                double adaptedLoss = 0;
                Arrays.fill(sum, 0f);
                if (parallel) {
                    for (int t = 0; t < n; t++) {
                        tasks[t] = plan.tasks().sample(taskRng);
                        seeds[t] = batchRng.nextLong();
                    }
                    for (TaskLosses l : batch.run(plan.algorithm(), state.optimizer(), theta, tasks, seeds,
                            plan.inner(), sum)) {
                        loss += l.first();
                        adaptedLoss += l.last();
                    }
                } else {
                    double[] losses = new double[2];
                    Runnable tasksInSequence = () -> {
                        for (int t = 0; t < n; t++) {
                            Task task = plan.tasks().sample(taskRng);
                            TaskLosses l = plan.algorithm().contribution(learner, state.optimizer(), theta, task,
                                    plan.inner(), batchRng, delta);
                            for (int p = 0; p < sum.length; p++) {
                                sum[p] += delta[p];
                            }
                            losses[0] += l.first();
                            losses[1] += l.last();
                        }
                    };
                    if (own != null) {
                        own.runWhole(tasksInSequence); // a Stop ends the run after this meta-iteration, as below
                    } else {
                        tasksInSequence.run();
                    }
                    loss = losses[0];
                    adaptedLoss = losses[1];
                }
                float inv = 1f / n;
                for (int p = 0; p < sum.length; p++) {
                    sum[p] *= inv;
                }
                state.outer().apply(theta, sum, eps);
                long now = System.nanoTime();
                state.addElapsedSeconds((now - lastNanos) / 1e9);
                lastNanos = now;
                state.advance();
                var report = new IterationReport(i + 1, total, loss / n, adaptedLoss / n, eps, state.elapsedSeconds());
                for (TrainingListener l : listeners) {
                    l.iteration(report);
                }
            }
        }
    }
}
