package org.metalearn.models;

import java.util.Arrays;

/**
 * The conv nets' last layer on float arrays: dense N over the flattened features ([image][channel][position], DL4J's
 * flatten order), softmax, summed cross-entropy, and their backward pass. The parameter vector holds the dense kernel
 * as [output][feature] at {@code layout.denseOffset} and the biases after it ({@link ConvLayout}). Plain loops: at
 * 5-20 outputs a matrix library call costs more than the arithmetic.
 */
final class DenseHead {
    private DenseHead() {
    }

    /** Softmax probabilities of the {@code n} feature rows in {@code flat} into {@code probs} ([image][output]). */
    static void forward(ConvLayout layout, float[] params, float[] flat, int n, float[] probs) {
        int ways = layout.ways;
        int features = layout.features;
        for (int b = 0; b < n; b++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int o = 0; o < ways; o++) {
                float s = params[layout.denseBiasOffset + o];
                int w = layout.denseOffset + o * features;
                int x = b * features;
                for (int i = 0; i < features; i++) {
                    s += flat[x + i] * params[w + i];
                }
                probs[b * ways + o] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int o = 0; o < ways; o++) {
                // StrictMath: the same bits interpreted or compiled, so runs repeat exactly
                sum += StrictMath.exp(probs[b * ways + o] - max);
            }
            for (int o = 0; o < ways; o++) {
                probs[b * ways + o] = (float) (StrictMath.exp(probs[b * ways + o] - max) / sum);
            }
        }
    }

    /** Summed cross-entropy of {@code probs} against {@code targets} (one row of N per image). */
    static double crossEntropy(float[] probs, float[] targets, int n, int ways) {
        double loss = 0;
        for (int i = 0; i < n * ways; i++) {
            if (targets[i] != 0) {
                loss -= targets[i] * StrictMath.log(Math.max(probs[i], Float.MIN_NORMAL));
            }
        }
        return loss;
    }

    /**
     * The backward pass from the probabilities {@link #forward} left in {@code probs} (overwritten with the gradient
     * w.r.t. the logits, p * sum(t) - t): writes the dense kernel and bias gradients into {@code gradient} and the
     * gradient w.r.t. the features into {@code dflat} ([image][feature]).
     */
    static void backward(ConvLayout layout, float[] params, float[] flat, int n, float[] probs, float[] targets,
                         float[] gradient, float[] dflat) {
        int ways = layout.ways;
        int features = layout.features;
        Arrays.fill(gradient, layout.denseOffset, layout.denseBiasOffset + ways, 0f);
        Arrays.fill(dflat, 0, n * features, 0f);
        for (int b = 0; b < n; b++) {
            float total = 0;
            for (int o = 0; o < ways; o++) {
                total += targets[b * ways + o];
            }
            int x = b * features;
            for (int o = 0; o < ways; o++) {
                float d = probs[b * ways + o] * total - targets[b * ways + o];
                probs[b * ways + o] = d;
                gradient[layout.denseBiasOffset + o] += d;
                int w = layout.denseOffset + o * features;
                for (int i = 0; i < features; i++) {
                    gradient[w + i] += flat[x + i] * d;
                    dflat[x + i] += d * params[w + i];
                }
            }
        }
    }
}
