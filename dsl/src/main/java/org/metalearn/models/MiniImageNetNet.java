package org.metalearn.models;

import org.metalearn.models.lean.LeanConvNet;
import org.metalearn.models.onednn.OneDnnConvNet;

/**
 * The paper's Mini-ImageNet network (docs/paper.md#networks; the official code's {@code MiniImageNetModel}):
 * 84x84x3 -> 4 x [conv 3x3, 32 filters, stride 1, 'same' padding -> batch norm (eps 1e-3, always batch
 * statistics) -> max-pool 2x2 stride 2 'same' (84 -> 42 -> 21 -> 11 -> 6) -> ReLU] -> flatten 1152 -> dense N ->
 * softmax cross-entropy. Glorot-uniform kernels, zero biases, gamma 1, beta 0. {@link #lean(int)} is the product
 * (the Table 4 presets' model); {@code models.dl4j.Dl4jNets.miniImageNet(n)} is the DL4J reference it is
 * tested against. Images are DL4J's flat [channel][row][column], values in [0, 1].
 */
public final class MiniImageNetNet {
    /** The architecture's name in a model identity ({@link ModelId}). */
    public static final String ARCHITECTURE = "miniimagenet-conv";
    public static final int SIDE = 84;
    public static final int CHANNELS = 3;
    public static final int FILTERS = 32;
    public static final int BLOCKS = 4;
    public static final int STRIDE = 1;
    /** TensorFlow's batch_normalization epsilon, which the official code leaves at its default. */
    public static final double BN_EPSILON = 1e-3;

    private MiniImageNetNet() {
    }

    /** The parameter layout of the N-way net: the one place its offsets are defined. */
    public static ConvLayout layout(int ways) {
        return new ConvLayout(SIDE, CHANNELS, BLOCKS, FILTERS, STRIDE, true, ways);
    }

    /** Trainable parameters of the N-way net (34,661 for 5-way). */
    public static int parameterCount(int ways) {
        return layout(ways).parameterCount();
    }

    /** A lean N-way net with the given parameters (in {@link #layout}'s order). */
    public static LeanConvNet withParameters(int ways, float[] params) {
        return new LeanConvNet(layout(ways), (float) BN_EPSILON, params);
    }

    /** N-way {@link LeanConvNet}s: float arrays + OpenBLAS, the fast product implementation. */
    public static LearnerFactory lean(int ways) {
        ConvLayout layout = layout(ways); // validates ways
        return LearnerFactory.named(ModelId.conv(ARCHITECTURE, Backend.LEAN, ways),
                rng -> LeanConvNet.create(layout, (float) BN_EPSILON, rng));
    }

    /** As {@code OmniglotNet.oneDnn}: N-way nets with every block in oneDNN ({@link OneDnnConvNet}). */
    public static LearnerFactory oneDnn(int ways) {
        ConvLayout layout = layout(ways); // validates ways
        return LearnerFactory.named(ModelId.conv(ARCHITECTURE, Backend.ONEDNN, ways),
                rng -> OneDnnConvNet.create(layout, (float) BN_EPSILON, rng));
    }
}
