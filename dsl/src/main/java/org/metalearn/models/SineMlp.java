package org.metalearn.models;

import org.metalearn.models.lean.DenseNet;

/**
 * The sine-regression MLP of Figure 1 (docs/paper.md#networks): 1 -> 64 -> 64 -> 1, tanh by default (the
 * official demo), ReLU selectable (what the demo's comment says the paper used). Its DL4J reference is
 * {@code models.dl4j.Dl4jNets.sineMlp(activation)}.
 */
public final class SineMlp {
    public static final int[] SIZES = {1, 64, 64, 1};
    /** The architecture's name in a model identity ({@link ModelId}). */
    public static final String ARCHITECTURE = "sine-mlp";

    private SineMlp() {
    }

    /** The fast plain-Java net (the product, the default). */
    public static LearnerFactory lean(Activation activation) {
        return LearnerFactory.named(ModelId.dense(ARCHITECTURE, Backend.LEAN, activation),
                rng -> new DenseNet(SIZES, activation, Initializers.torchLinearDefault(SIZES, rng)));
    }
}
