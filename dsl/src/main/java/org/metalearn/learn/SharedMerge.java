package org.metalearn.learn;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The end of a meta-batch on its workers ({@link ParallelMetaBatch}): once every task is done, the workers merge the
 * tasks' optimizer states into the optimizer and add the tasks' deltas to the sum, chunk by chunk of parameter
 * indices, each worker taking the next chunk as it comes free. The worker that ends the last task starts at once
 * instead of waiting for the others to be woken, and each parameter is computed as on one thread
 * ({@link RangeMerge}), so who takes which chunk cannot change a bit.
 */
final class SharedMerge {
    private final InnerOptimizer optimizer;
    private final List<InnerOptimizer> ends;
    private final float[][] deltas;
    private final float[] sum;
    private final int chunks;
    private final AtomicInteger next = new AtomicInteger();
    private int pending;
    private RangeMerge merge; // set once the last task is done

    /**
     * For {@code ends.size()} tasks whose optimizers {@code ends} are copies of {@code optimizer}, adding every one
     * of {@code deltas} to {@code sum} in order, in {@code chunks} chunks.
     */
    SharedMerge(InnerOptimizer optimizer, List<InnerOptimizer> ends, float[][] deltas, float[] sum, int chunks) {
        this.optimizer = optimizer;
        this.ends = ends;
        this.deltas = deltas;
        this.sum = sum;
        this.chunks = chunks;
        this.pending = ends.size();
    }

    /** Called by a worker after each of its tasks (its optimizer in {@code ends} is final from then on). */
    synchronized void taskDone() {
        if (--pending == 0) {
            merge = RangeMerge.of(optimizer, ends);
            notifyAll();
        }
    }

    /**
     * Waits until every task is done, then takes chunks until none is left. A worker interrupted while it waits
     * (the meta-batch was stopped, or another worker failed) throws a {@link CancellationException} with its
     * interrupt status set.
     */
    void work() {
        RangeMerge m = awaitTasks();
        for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
            m.range(bound(c, m.length()), bound(c + 1, m.length()));
            int from = bound(c, sum.length);
            int to = bound(c + 1, sum.length);
            for (float[] d : deltas) {
                for (int p = from; p < to; p++) {
                    sum[p] += d[p];
                }
            }
        }
    }

    /** Installs the merged state, once the workers are done ({@link #work} returned on each). */
    void finish() {
        merge.finish();
    }

    private synchronized RangeMerge awaitTasks() {
        while (merge == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("meta-batch merge interrupted");
            }
        }
        return merge;
    }

    /** The start of chunk {@code c} of [0, {@code length}). */
    private int bound(int c, int length) {
        return (int) ((long) c * length / chunks);
    }
}
