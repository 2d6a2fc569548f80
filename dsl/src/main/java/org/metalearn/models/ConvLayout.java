package org.metalearn.models;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Where each parameter of a conv net of {@code blocks} x [conv 3x3 ('same' padding, {@code stride}) -> batch norm
 * -> (optionally max-pool 2x2 stride 2 'same') -> ReLU] -> dense N sits in its flat vector, and the feature-map
 * sizes. The pool has no parameters, so it only changes the sizes: Omniglot's net strides, Mini-ImageNet's pools.
 * This is DL4J's order (per block: conv
 * bias, conv kernel [out][in][kh][kw], gamma, beta; then the dense kernel column-major [features x N] and its
 * bias), so the fast net and the DL4J reference share one vector; a test checks the DL4J net has the same count.
 */
public final class ConvLayout {
    public static final int KERNEL = 3;

    public static final int POOL = 2;

    private final int stride;
    private final boolean pool;
    private final int blocks;
    private final int filters;
    private final int ways;
    private final int[] side;     // side[l]: input side of block l; side[blocks]: side of the last feature map
    private final int[] convSide; // side of block l's convolution output (before the pool, if any)
    private final int[] poolPad;  // TensorFlow 'same' for the pool: rows before the map (0 unless pooling)
    private final int[] channels; // input channels of block l
    private final int[] pad;      // TensorFlow 'same': rows of padding before the image (the rest goes after)
    private final int[] biasOffset;
    private final int[] kernelOffset;
    private final int[] gammaOffset;
    private final int[] betaOffset;
    private final int features;
    private final int denseOffset;
    private final int denseBiasOffset;
    private final int count;

    public ConvLayout(int inputSide, int inputChannels, int blocks, int filters, int stride, int ways) {
        this(inputSide, inputChannels, blocks, filters, stride, false, ways);
    }

    /** As above; {@code pool} adds a 2x2 stride-2 'same' max-pool after each batch norm. */
    public ConvLayout(int inputSide, int inputChannels, int blocks, int filters, int stride, boolean pool, int ways) {
        if (ways < 2) {
            throw new IllegalArgumentException("ways must be >= 2, got " + ways);
        }
        this.stride = stride;
        this.pool = pool;
        this.blocks = blocks;
        this.filters = filters;
        this.ways = ways;
        side = new int[blocks + 1];
        convSide = new int[blocks];
        poolPad = new int[blocks];
        channels = new int[blocks];
        pad = new int[blocks];
        biasOffset = new int[blocks];
        kernelOffset = new int[blocks];
        gammaOffset = new int[blocks];
        betaOffset = new int[blocks];
        side[0] = inputSide;
        int offset = 0;
        for (int l = 0; l < blocks; l++) {
            channels[l] = l == 0 ? inputChannels : filters;
            convSide[l] = (side[l] + stride - 1) / stride;
            pad[l] = Math.max((convSide[l] - 1) * stride + KERNEL - side[l], 0) / 2;
            side[l + 1] = pool ? (convSide[l] + POOL - 1) / POOL : convSide[l];
            poolPad[l] = pool ? Math.max((side[l + 1] - 1) * POOL + POOL - convSide[l], 0) / 2 : 0;
            biasOffset[l] = offset;
            kernelOffset[l] = offset + filters;
            gammaOffset[l] = kernelOffset[l] + filters * channels[l] * KERNEL * KERNEL;
            betaOffset[l] = gammaOffset[l] + filters;
            offset = betaOffset[l] + filters;
        }
        features = filters * side[blocks] * side[blocks];
        denseOffset = offset;
        denseBiasOffset = offset + features * ways;
        count = denseBiasOffset + ways;
    }

    public int parameterCount() {
        return count;
    }

    public int ways() {
        return ways;
    }

    /** Values in block l's kernel. */
    public int kernelSize(int l) {
        return filters * channels[l] * KERNEL * KERNEL;
    }

    /** The convolutions' stride (the same in every block). */
    public int stride() {
        return stride;
    }

    /** Whether each block ends in a 2x2 stride-2 'same' max-pool. */
    public boolean pool() {
        return pool;
    }

    public int blocks() {
        return blocks;
    }

    /** Filters (output channels) of every block. */
    public int filters() {
        return filters;
    }

    /** Input side of block l; {@code side(blocks())} is the side of the last feature map. */
    public int side(int l) {
        return side[l];
    }

    /** Side of block l's convolution output (before the pool, if any). */
    public int convSide(int l) {
        return convSide[l];
    }

    /** Rows of the pool's 'same' padding before block l's map (0 unless pooling). */
    public int poolPad(int l) {
        return poolPad[l];
    }

    /** Input channels of block l. */
    public int channels(int l) {
        return channels[l];
    }

    /** Rows of the convolution's 'same' padding before block l's input (the rest goes after). */
    public int pad(int l) {
        return pad[l];
    }

    public int biasOffset(int l) {
        return biasOffset[l];
    }

    public int kernelOffset(int l) {
        return kernelOffset[l];
    }

    public int gammaOffset(int l) {
        return gammaOffset[l];
    }

    public int betaOffset(int l) {
        return betaOffset[l];
    }

    /** Values of one image's last feature map, the dense layer's inputs. */
    public int features() {
        return features;
    }

    /** Where the dense kernel ([output][feature]) starts. */
    public int denseOffset() {
        return denseOffset;
    }

    /** Where the dense biases start. */
    public int denseBiasOffset() {
        return denseBiasOffset;
    }

    /**
     * Fresh parameters: Glorot-uniform kernels drawn from {@code rng} in parameter order, zero biases, gamma 1, beta
     * 0; the draws every backend makes (DL4J's reference included), so a seed gives the same start on any of them.
     */
    public float[] initialParameters(UniformRandomProvider rng) {
        float[] p = new float[count];
        int receptive = KERNEL * KERNEL;
        for (int l = 0; l < blocks; l++) {
            Initializers.glorotUniform(p, kernelOffset[l], filters * channels[l] * receptive,
                    channels[l] * receptive, filters * receptive, rng);
            Arrays.fill(p, gammaOffset[l], gammaOffset[l] + filters, 1f);
        }
        Initializers.glorotUniform(p, denseOffset, features * ways, features, ways, rng);
        return p;
    }
}
