package org.metalearn.models.lean;

import org.metalearn.models.ConvLayout;

/**
 * The conv nets' last layer on float arrays, for either backend: dense N over the flattened features ([image][channel]
 * [position], DL4J's flatten order), softmax and summed cross-entropy ({@link Dense}, {@link SoftmaxCrossEntropy}),
 * with the kernel and biases where {@link ConvLayout} puts them.
 */
public final class DenseHead {
    private DenseHead() {
    }

    /** Softmax probabilities of the {@code n} feature rows in {@code flat} into {@code probs} ([image][output]). */
    public static void forward(ConvLayout layout, float[] params, float[] flat, int n, float[] probs) {
        Dense.forward(params, layout.denseOffset(), layout.denseBiasOffset(), layout.features(), layout.ways(), flat,
                n, probs);
        SoftmaxCrossEntropy.softmax(probs, n, layout.ways());
    }

    /**
     * The backward pass from the probabilities {@link #forward} left in {@code probs} (overwritten with the gradient
     * w.r.t. the logits): writes the dense kernel and bias gradients into {@code gradient} and the gradient w.r.t. the
     * features into {@code dflat} ([image][feature]).
     */
    public static void backward(ConvLayout layout, float[] params, float[] flat, int n, float[] probs,
                                float[] targets, float[] gradient, float[] dflat) {
        SoftmaxCrossEntropy.gradient(probs, targets, n, layout.ways());
        Dense.backward(params, layout.denseOffset(), layout.denseBiasOffset(), layout.features(), layout.ways(), flat,
                n, probs, gradient, dflat);
    }
}
