package org.metalearn.tasks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * Chooses which pool samples go into each inner-loop mini-batch, as the official code's
 * {@code _mini_batches} does (docs/paper.md#mini-batches): without replacement, shuffle the pool and cut consecutive
 * batches, reshuffling and continuing when it runs out (a batch may straddle two passes);
 * with replacement, draw each batch independently.
 */
public final class MiniBatches {
    private MiniBatches() {
    }

    /** {@code count} batches of {@code batchSize} sample indices into a pool of {@code poolSize}. */
    public static int[][] draw(int poolSize, int batchSize, int count, boolean replacement, UniformRandomProvider rng) {
        if (batchSize < 1 || count < 1 || poolSize < 1) {
            throw new IllegalArgumentException("pool, batch size and count must be >= 1");
        }
        int[][] batches = new int[count][];
        if (replacement) {
            if (batchSize > poolSize) {
                throw new IllegalArgumentException("innerBatch " + batchSize + " is larger than the task's pool of "
                        + poolSize + " samples");
            }
            for (int b = 0; b < count; b++) {
                // random.sample: batchSize distinct samples, independent across batches
                batches[b] = new PermutationSampler(rng, poolSize, batchSize).sample();
            }
            return batches;
        }
        int[] pool = PermutationSampler.natural(poolSize);
        int used = poolSize; // forces a shuffle before the first sample
        for (int b = 0; b < count; b++) {
            int[] batch = new int[batchSize];
            for (int i = 0; i < batchSize; i++) {
                if (used == poolSize) {
                    PermutationSampler.shuffle(rng, pool);
                    used = 0;
                }
                batch[i] = pool[used++];
            }
            batches[b] = batch;
        }
        return batches;
    }
}
