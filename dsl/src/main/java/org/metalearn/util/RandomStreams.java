package org.metalearn.util;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * One seed, one independent random stream per role (weight init, task sampling, batch order, evaluation,
 * evaluation during training).
 * The generators are specified algorithms (xoroshiro128++ seeded through SplitMix64), so the same seed gives
 * the same numbers in any JVM, and their state can be saved for checkpoints.
 */
public final class RandomStreams {
    /**
     * What a stream is used for; the ordinal is part of the stream's seed, so never reorder (add at the end).
     * {@code SEARCH} draws the settings of a sampled sweep, not anything inside a run.
     */
    public enum Role { INIT, TASKS, BATCHES, EVALUATION, SPLIT, PERIODIC_EVALUATION, SEARCH }

    private RandomStreams() {
    }

    public static RestorableUniformRandomProvider of(long seed, Role role) {
        long mixer = seed * 0x9E3779B97F4A7C15L + role.ordinal() + 1;
        long s0 = splitMix(mixer);
        long s1 = splitMix(mixer + 0x9E3779B97F4A7C15L);
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s0, s1});
    }

    /**
     * A generator seeded from a number drawn from one of the role streams (one stream per task of a meta-batch or
     * of an evaluation, so results do not depend on how tasks are spread over threads).
     */
    public static RestorableUniformRandomProvider fromSeed(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /** SplitMix64's output function (Steele et al.): decorrelates nearby seeds. */
    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
