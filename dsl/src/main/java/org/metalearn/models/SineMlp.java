package org.metalearn.models;

import java.util.Locale;
import org.metalearn.models.reference.Dl4jDenseNet;

/**
 * The sine-regression MLP of Figure 1 (docs/paper.md#networks): 1 -> 64 -> 64 -> 1, tanh by default (the
 * official demo), ReLU selectable (what the demo's comment says the paper used).
 */
public final class SineMlp {
    public static final int[] SIZES = {1, 64, 64, 1};

    private SineMlp() {
    }

    /** The fast plain-Java net (the product, the default). */
    public static LearnerFactory lean(Activation activation) {
        return LearnerFactory.named("sine-mlp lean " + activation.name().toLowerCase(Locale.ROOT),
                rng -> new DenseNet(SIZES, activation, Initializers.torchLinearDefault(SIZES, rng)));
    }

    /** The same net computed by DL4J (the reference; slower per call). */
    public static LearnerFactory dl4j(Activation activation) {
        return LearnerFactory.named("sine-mlp dl4j " + activation.name().toLowerCase(Locale.ROOT),
                rng -> new Dl4jDenseNet(SIZES, activation, Initializers.torchLinearDefault(SIZES, rng)));
    }
}
