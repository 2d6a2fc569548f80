package org.metalearn.models.lean;

/**
 * Softmax and summed cross-entropy over rows of logits, and their gradient: the one implementation of the
 * classifiers' loss on float arrays (both conv-net backends and the dense classifiers). {@code StrictMath} exp and
 * log: the same bits interpreted or compiled, on any JVM, so runs repeat exactly (the recorded Table 2 runs
 * depend on these bits; docs/design/models.md#arithmetic).
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /** Replaces each row of {@code ways} logits in {@code values} with its softmax probabilities. */
    public static void softmax(float[] values, int rows, int ways) {
        for (int b = 0; b < rows; b++) {
            int row = b * ways;
            float max = Float.NEGATIVE_INFINITY;
            for (int o = 0; o < ways; o++) {
                max = Math.max(max, values[row + o]);
            }
            double sum = 0;
            for (int o = 0; o < ways; o++) {
                sum += StrictMath.exp(values[row + o] - max);
            }
            for (int o = 0; o < ways; o++) {
                values[row + o] = (float) (StrictMath.exp(values[row + o] - max) / sum);
            }
        }
    }

    /** Summed cross-entropy of {@code probs} against {@code targets} (one row of {@code ways} per sample). */
    public static double loss(float[] probs, float[] targets, int rows, int ways) {
        double loss = 0;
        for (int i = 0; i < rows * ways; i++) {
            if (targets[i] != 0) {
                loss -= targets[i] * StrictMath.log(Math.max(probs[i], Float.MIN_NORMAL));
            }
        }
        return loss;
    }

    /** Replaces {@code probs} with the loss's gradient w.r.t. the logits: p * sum(t) - t, row by row. */
    public static void gradient(float[] probs, float[] targets, int rows, int ways) {
        for (int b = 0; b < rows; b++) {
            int row = b * ways;
            float total = 0;
            for (int o = 0; o < ways; o++) {
                total += targets[row + o];
            }
            for (int o = 0; o < ways; o++) {
                probs[row + o] = probs[row + o] * total - targets[row + o];
            }
        }
    }
}
