package org.metalearn.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.simple.RandomSource;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Task;

/**
 * Runs the tasks of a meta-batch at once ({@link TaskExecution#PARALLEL}): worker w adapts tasks w, w + W, ...
 * on its own copy of the learner, each task with its own copy of the inner optimizer and its own mini-batch
 * stream; contributions are summed and optimizer states merged in task order, so the result does not depend
 * on the number of workers.
 */
final class ParallelMetaBatch implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final Learner[] learners;
    private final float[][] deltas;
    private final ExecutorService pool;

    ParallelMetaBatch(Learner prototype, int workers, int metaBatch) {
        int w = Math.max(1, Math.min(workers, metaBatch));
        learners = new Learner[w];
        learners[0] = prototype;
        for (int i = 1; i < w; i++) {
            learners[i] = prototype.copy();
        }
        deltas = new float[metaBatch][prototype.parameterCount()];
        int id = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newFixedThreadPool(w, r -> {
            Thread t = new Thread(r, "metalearn-tasks-" + id + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Adapts on {@code tasks} from {@code theta}; adds the tasks' contributions to {@code sum} in task order and
     * returns their losses in task order. Task t draws its mini-batches from a generator seeded with {@code seeds[t]}.
     */
    TaskLosses[] run(MetaAlgorithm algorithm, InnerOptimizer optimizer, float[] theta, Task[] tasks, long[] seeds,
                     InnerSettings inner, float[] sum) {
        int n = tasks.length;
        OptimizerState start = optimizer.state();
        InnerOptimizer[] optimizers = new InnerOptimizer[n];
        for (int t = 0; t < n; t++) {
            optimizers[t] = optimizer.copy();
        }
        TaskLosses[] losses = new TaskLosses[n];
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int w = 0; w < learners.length; w++) {
            int worker = w;
            jobs.add(() -> {
                for (int t = worker; t < n; t += learners.length) {
                    losses[t] = algorithm.contribution(learners[worker], optimizers[t], theta, tasks[t], inner,
                            RandomSource.XO_RO_SHI_RO_128_PP.create(seeds[t]), deltas[t]);
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adapting to the meta-batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        List<OptimizerState> ends = new ArrayList<>(n);
        for (InnerOptimizer o : optimizers) {
            ends.add(o.state());
        }
        optimizer.merge(start, ends);
        for (float[] d : deltas) {
            for (int p = 0; p < sum.length; p++) {
                sum[p] += d[p];
            }
        }
        return losses;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
