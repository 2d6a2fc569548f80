package org.metalearn.models;

import org.metalearn.models.lean.LeanConvNet;
import org.metalearn.models.onednn.OneDnnConvNet;

/**
 * The paper's Omniglot network (docs/paper.md#networks, after MAML): 28x28x1 -> 4 x [conv 3x3, 64 filters,
 * stride 2, 'same' padding (28 -> 14 -> 7 -> 4 -> 2) -> batch norm (eps 1e-3, always batch statistics) -> ReLU]
 * -> flatten 256 -> dense N -> softmax cross-entropy. Glorot-uniform kernels, zero biases, gamma 1, beta 0.
 * {@link #lean(int)} and {@link #oneDnn(int)} compute it on two backends ({@link Convolutions} picks the presets');
 * {@code models.dl4j.Dl4jNets.omniglot(n)} is the DL4J reference both are tested against.
 */
public final class OmniglotNet {
    /** The architecture's name in a model identity ({@link ModelId}). */
    public static final String ARCHITECTURE = "omniglot-conv";
    public static final int SIDE = 28;
    public static final int FILTERS = 64;
    public static final int BLOCKS = 4;
    public static final int STRIDE = 2;
    /** TensorFlow's batch_normalization epsilon, which the official code leaves at its default. */
    public static final double BN_EPSILON = 1e-3;

    private OmniglotNet() {
    }

    /** The parameter layout of the N-way net: the one place its offsets are defined. */
    public static ConvLayout layout(int ways) {
        return new ConvLayout(SIDE, 1, BLOCKS, FILTERS, STRIDE, ways);
    }

    /** Trainable parameters of the N-way net (113,221 for 5-way). */
    public static int parameterCount(int ways) {
        return layout(ways).parameterCount();
    }

    /** N-way {@link LeanConvNet}s: float arrays + OpenBLAS, the fast product implementation. */
    public static LearnerFactory lean(int ways) {
        layout(ways); // validates ways
        return LearnerFactory.named(ModelId.conv(ARCHITECTURE, Backend.LEAN, ways),
                rng -> LeanConvNet.create(ways, rng));
    }

    /**
     * N-way nets with every block in oneDNN ({@link OneDnnConvNet}): the same parameters, draws and results to float32
     * rounding as {@link #lean(int)}, deterministic run to run; the presets' net where oneDNN's natives ship
     * ({@link Convolutions#preferred()}).
     */
    public static LearnerFactory oneDnn(int ways) {
        ConvLayout layout = layout(ways); // validates ways
        return LearnerFactory.named(ModelId.conv(ARCHITECTURE, Backend.ONEDNN, ways),
                rng -> OneDnnConvNet.create(layout, (float) BN_EPSILON, rng));
    }
}
