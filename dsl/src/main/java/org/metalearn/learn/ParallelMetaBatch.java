package org.metalearn.learn;

import java.util.Arrays;
import java.util.function.IntConsumer;
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
    /** Fewer parameters than this are merged and summed on the caller: handing them to the workers costs more. */
    private static final int SPLIT_FROM = 1 << 14;

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
     * ranges ({@link RangeMerge}): each parameter is computed as on one thread, so the bits do not change.
     */
    TaskLosses[] run(MetaAlgorithm algorithm, InnerOptimizer optimizer, float[] theta, Task[] tasks, long[] seeds,
                     InnerSettings inner, float[] sum) {
        int n = tasks.length;
        InnerOptimizer[] optimizers = new InnerOptimizer[n];
        TaskLosses[] losses = new TaskLosses[n];
        workers.each(worker -> {
            for (int t = worker; t < n; t += learners.length) {
                Workers.checkInterrupted("meta-batch task"); // the trainer's Stop reaches the workers here
                optimizers[t] = optimizer.copy(); // reads the start state, which stays unchanged until the merge
                learners[worker].lendCores(CoreLending.coresFor(t, n, learners.length));
                losses[t] = algorithm.contribution(learners[worker], optimizers[t], theta, tasks[t], inner,
                        RandomStreams.fromSeed(seeds[t]), deltas[t]);
            }
        });
        RangeMerge merge = RangeMerge.of(optimizer, Arrays.asList(optimizers));
        int parts = sum.length < SPLIT_FROM ? 1 : learners.length;
        IntConsumer part = w -> {
            merge.range(bound(w, parts, merge.length()), bound(w + 1, parts, merge.length()));
            int from = bound(w, parts, sum.length);
            int to = bound(w + 1, parts, sum.length);
            for (float[] d : deltas) {
                for (int p = from; p < to; p++) {
                    sum[p] += d[p];
                }
            }
        };
        if (parts == 1) {
            part.accept(0);
        } else {
            workers.each(part);
        }
        merge.finish();
        return losses;
    }

    /** The start of part {@code w} of {@code parts} nearly equal parts of [0, {@code length}). */
    private static int bound(int w, int parts, int length) {
        return (int) ((long) w * length / parts);
    }

    @Override
    public void close() {
        workers.close();
    }
}
