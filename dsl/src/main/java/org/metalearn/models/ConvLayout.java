package org.metalearn.models;

/**
 * Where each parameter of a conv net of {@code blocks} x [conv 3x3 ('same' padding, {@code stride}) -> batch norm
 * -> (optionally max-pool 2x2 stride 2 'same') -> ReLU] -> dense N sits in its flat vector, and the feature-map
 * sizes. The pool has no parameters, so it only changes the sizes: Omniglot's net strides, Mini-ImageNet's pools. This is DL4J's order (per block: conv
 * bias, conv kernel [out][in][kh][kw], gamma, beta; then the dense kernel column-major [features x N] and its
 * bias), so the fast net and the DL4J reference share one vector; a test checks the DL4J net has the same count.
 */
public final class ConvLayout {
    public static final int KERNEL = 3;

    public static final int POOL = 2;

    final int stride;
    final boolean pool;
    final int blocks;
    final int filters;
    final int ways;
    final int[] side;     // side[l]: input side of block l; side[blocks]: side of the last feature map
    final int[] convSide; // side of block l's convolution output (before the pool, if any)
    final int[] poolPad;  // TensorFlow 'same' for the pool: rows before the map (0 unless pooling)
    final int[] channels; // input channels of block l
    final int[] pad;      // TensorFlow 'same': rows of padding before the image (the rest goes after)
    final int[] biasOffset;
    final int[] kernelOffset;
    final int[] gammaOffset;
    final int[] betaOffset;
    final int features;
    final int denseOffset;
    final int denseBiasOffset;
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
    int kernelSize(int l) {
        return filters * channels[l] * KERNEL * KERNEL;
    }
}
