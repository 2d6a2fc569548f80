package org.metalearn.models;

import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.models.lean.DenseNet;

/** Weight initialisation from our own seeded RNG: DL4J's conf.seed did not give the same weights
 * across JVMs, so every model draws its initial flat vector here. */
public final class Initializers {
    private Initializers() {
    }

    /**
     * PyTorch's default for nn.Linear (the official sine demo is PyTorch): weights and biases
     * U(-1/sqrt(fanIn), 1/sqrt(fanIn)). Layout as {@link DenseNet}.
     */
    public static float[] torchLinearDefault(int[] sizes, UniformRandomProvider rng) {
        float[] p = new float[DenseNet.parameterCount(sizes)];
        int k = 0;
        for (int l = 0; l < sizes.length - 1; l++) {
            int fanIn = sizes[l];
            double bound = 1.0 / Math.sqrt(fanIn);
            int weights = sizes[l] * sizes[l + 1];
            for (int i = 0; i < weights + sizes[l + 1]; i++) {
                p[k++] = (float) uniform(rng, -bound, bound);
            }
        }
        return p;
    }

    /** Glorot/Xavier uniform (TensorFlow's default kernel init): U(-b, b), b = sqrt(6 / (fanIn + fanOut)). */
    public static void glorotUniform(float[] dst, int offset, int count, int fanIn, int fanOut, UniformRandomProvider rng) {
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < count; i++) {
            dst[offset + i] = (float) uniform(rng, -bound, bound);
        }
    }

    private static double uniform(UniformRandomProvider rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
