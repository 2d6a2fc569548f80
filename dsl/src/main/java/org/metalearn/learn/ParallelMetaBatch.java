package org.metalearn.learn;

import java.util.Arrays;
import org.metalearn.models.CoreLending;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Task;
import org.metalearn.util.RandomStreams;
import org.metalearn.util.Workers;

/**
 * Runs the tasks of a meta-batch at once ({@link TaskExecution#PARALLEL}): worker w adapts tasks w, w + W, ...
 * on its own copy of the learner, each task with its own copy of the inner optimizer and its own mini-batch
 * stream; contributions are summed and optimizer states merged in task order, so the result does not depend
 * on the number of workers. A last round with fewer tasks than workers lends the idle cores to its tasks
 * ({@link CoreLending#coresFor}).
 */
final class ParallelMetaBatch implements AutoCloseable {
    private final Learner[] learners;
    private final float[][] deltas;
    private final Workers workers;
    /** Fewer parameters than this are merged and summed in one chunk: more would cost more than they save. */
    private static final int SPLIT_FROM = 1 << 14;
    /** The chunks of a larger merge, shared by the workers as they come free ({@link SharedMerge}). */
    private static final int CHUNKS = 16;

    ParallelMetaBatch(Learner prototype, int workerCount, int metaBatch) {
        int w = Math.max(1, Math.min(workerCount, metaBatch));
        learners = new Learner[w];
        learners[0] = prototype;
        for (int i = 1; i < w; i++) {
            learners[i] = prototype.copy();
        }
        deltas = new float[metaBatch][prototype.parameterCount()];
        workers = new Workers("tasks", w);
    }

    /**
     * Adapts on {@code tasks} from {@code theta}; adds the tasks' contributions to {@code sum} in task order and
     * returns their losses in task order. Task t draws its mini-batches from a generator seeded with {@code seeds[t]}.
     * The workers also copy the optimizer for their tasks and then share the merge and the sum by parameter
     * ranges ({@link SharedMerge}): each parameter is computed as on one thread, so the bits do not change.
     */
    TaskLosses[] run(MetaAlgorithm algorithm, InnerOptimizer optimizer, float[] theta, Task[] tasks, long[] seeds,
                     InnerSettings inner, float[] sum) {
        int n = tasks.length;
        InnerOptimizer[] optimizers = new InnerOptimizer[n];
        TaskLosses[] losses = new TaskLosses[n];
        SharedMerge end = new SharedMerge(optimizer, Arrays.asList(optimizers), deltas, sum,
                sum.length < SPLIT_FROM ? 1 : CHUNKS);
        workers.each(worker -> {
            for (int t = worker; t < n; t += learners.length) {
                Workers.checkInterrupted("meta-batch task"); // the trainer's Stop reaches the workers here
                optimizers[t] = optimizer.copy(); // reads the start state, which stays unchanged until the merge
                learners[worker].lendCores(CoreLending.coresFor(t, n, learners.length));
                losses[t] = algorithm.contribution(learners[worker], optimizers[t], theta, tasks[t], inner,
                        RandomStreams.fromSeed(seeds[t]), deltas[t]);
                end.taskDone();
            }
            end.work();
        });
        end.finish();
        return losses;
    }

    @Override
    public void close() {
        workers.close();
    }
}
