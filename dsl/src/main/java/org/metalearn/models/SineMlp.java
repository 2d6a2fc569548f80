package org.metalearn.models;

/**
 * The sine-regression MLP of Figure 1 (PAPER.md 1.7): 1 -> 64 -> 64 -> 1, tanh by default (the
 * official demo), ReLU selectable (what the demo's comment says the paper used).
 */
public final class SineMlp {
    public static final int[] SIZES = {1, 64, 64, 1};

    private SineMlp() {
    }

    /** The fast plain-Java net (default). */
    public static LearnerFactory lean(Activation activation) {
        return rng -> new DenseNet(SIZES, activation, Initializers.torchLinearDefault(SIZES, rng));
    }

    /** The same net computed by DL4J (slower per call; the reference path). */
    public static LearnerFactory dl4j(Activation activation) {
        return rng -> new Dl4jDenseNet(SIZES, activation, Initializers.torchLinearDefault(SIZES, rng));
    }
}
