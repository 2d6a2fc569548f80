package org.metalearn.models.lean;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.models.ConvLayout;
import org.metalearn.models.Learner;
import org.metalearn.models.MiniImageNetNet;
import org.metalearn.models.OmniglotNet;
import org.metalearn.tasks.Batch;

/**
 * The paper's conv networks ({@link OmniglotNet}, {@link MiniImageNetNet}) computed on float arrays: each 3x3 'same'
 * convolution is an {@link Im2col} copy plus one OpenBLAS product ({@link Sgemm}); batch norm with ReLU
 * ({@link BatchNormRelu}), the optional max-pool ({@link MaxPool}) and the dense head ({@link DenseHead}) are plain
 * loops. Pool and ReLU commute (ReLU is monotone), so ReLU runs before the pool and the backward pass keeps one ReLU
 * mask at conv resolution. Summed loss; predictions are softmax probabilities of a batch-statistics forward pass.
 *
 * <p>Why hand-written: DL4J spends most of a step of this tiny net on per-layer overhead (docs/design/models.md). The
 * parameter vector has {@link ConvLayout}'s order, DL4J's, so this net and {@code models.dl4j.Dl4jClassifier} are
 * interchangeable and a test checks they compute the same loss, gradient and outputs. Activations are channel-major
 * ([channel][image][row][column]) so batch norm runs over contiguous segments. Not thread-safe: one {@link #copy()}
 * per thread.
 */
public final class LeanConvNet implements Learner {
    private final ConvLayout layout;
    private final float bnEpsilon;
    private final int blocks;
    private final int filters;
    private final Im2col[] im2col;
    private final float[] params;
    private final float[][] kernel; // per block [out][in][kh][kw]: a copy, as OpenBLAS takes whole arrays
    private final float[][] kernelGrad; // the same layout, for the gradient

    // scratch for the largest batch seen, reused across steps
    private int capacity;
    private FloatBuffer[] col; // direct: OpenBLAS reads it in place (heap arrays are copied in and out per call)
    private FloatBuffer dcol;
    // heap twins of the column buffers: Java loops on arrays are ~2x faster than on direct buffers, so im2col and
    // col2im work here and move the values with one bulk copy (cheaper than JavaCPP copying arrays per call)
    private float[] colArray;
    private float[] dcolArray;
    private float[] padded; // a block's input with a zero border (see Im2col)
    private float[][] xhat;
    private float[][] act;
    private float[][] grad;  // gradient w.r.t. a block's output activations, then w.r.t. its convolution output
    private float[][] out; // a block's output and its gradient: act/grad, or with a pool the pooled map and its
    private float[][] gradOut; // gradient
    private int[][] poolFrom; // per pooled value, the index in act[l] it came from
    private float[] channelMajor; // a multi-channel batch as [channel][image][row][column]
    private float[][] invStd;
    private float[] flat;
    private float[] dflat;
    private float[] logits;

    /** A net for N-way classification of 28x28 single-channel images (the Omniglot net), with the given parameters. */
    public LeanConvNet(int ways, float[] params) {
        this(OmniglotNet.layout(ways), (float) OmniglotNet.BN_EPSILON, params);
    }

    /** A {@code layout} net with batch-norm epsilon {@code bnEpsilon} and the given parameters (in its order). */
    public LeanConvNet(ConvLayout layout, float bnEpsilon, float[] params) {
        if (params.length != layout.parameterCount()) {
            throw new IllegalArgumentException("expected " + layout.parameterCount() + " parameters, got "
                    + params.length);
        }
        this.layout = layout;
        this.bnEpsilon = bnEpsilon;
        this.blocks = layout.blocks();
        this.filters = layout.filters();
        im2col = new Im2col[blocks];
        kernel = new float[blocks][];
        kernelGrad = new float[blocks][];
        for (int l = 0; l < blocks; l++) {
            im2col[l] = Im2col.of(layout, l);
            kernel[l] = new float[layout.kernelSize(l)];
            kernelGrad[l] = new float[kernel[l].length];
        }
        this.params = params.clone();
        copyKernels();
    }

    /** A freshly initialised N-way Omniglot net ({@link ConvLayout#initialParameters}). */
    public static LeanConvNet create(int ways, UniformRandomProvider rng) {
        return create(OmniglotNet.layout(ways), (float) OmniglotNet.BN_EPSILON, rng);
    }

    /** A freshly initialised {@code layout} net ({@link ConvLayout#initialParameters}). */
    public static LeanConvNet create(ConvLayout layout, float bnEpsilon, UniformRandomProvider rng) {
        return new LeanConvNet(layout, bnEpsilon, layout.initialParameters(rng));
    }

    @Override
    public int parameterCount() {
        return params.length;
    }

    @Override
    public void getParameters(float[] dst) {
        System.arraycopy(params, 0, dst, 0, params.length);
    }

    @Override
    public void setParameters(float[] src) {
        Learner.copyParameters(src, params);
        copyKernels();
    }

    private void copyKernels() {
        for (int l = 0; l < blocks; l++) {
            System.arraycopy(params, layout.kernelOffset(l), kernel[l], 0, kernel[l].length);
        }
    }

    private void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        col = new FloatBuffer[blocks];
        xhat = new float[blocks][];
        act = new float[blocks][];
        grad = new float[blocks][];
        invStd = new float[blocks][filters];
        out = new float[blocks][];
        gradOut = new float[blocks][];
        poolFrom = new int[blocks][];
        int maxCol = 0;
        int maxPadded = 0;
        for (int l = 0; l < blocks; l++) {
            int rows = rows(l, n);
            col[l] = Sgemm.direct(im2col[l].columnsSize(n));
            maxCol = Math.max(maxCol, col[l].capacity());
            maxPadded = Math.max(maxPadded, im2col[l].paddedSize(n));
            xhat[l] = new float[rows * filters];
            act[l] = new float[rows * filters];
            grad[l] = new float[rows * filters];
            if (layout.pool()) {
                int pooled = n * layout.side(l + 1) * layout.side(l + 1) * filters;
                out[l] = new float[pooled];
                gradOut[l] = new float[pooled];
                poolFrom[l] = new int[pooled];
            } else {
                out[l] = act[l];
                gradOut[l] = grad[l];
            }
        }
        int side = layout.side(0);
        channelMajor = layout.channels(0) > 1 ? new float[n * layout.channels(0) * side * side] : null;
        dcol = Sgemm.direct(maxCol);
        colArray = new float[maxCol];
        dcolArray = new float[maxCol];
        padded = new float[maxPadded];
        flat = new float[n * layout.features()];
        dflat = new float[n * layout.features()];
        logits = new float[n * layout.ways()];
        capacity = n;
    }

    /** Positions of block l's convolution output over the batch. */
    private int rows(int l, int n) {
        return n * layout.convSide(l) * layout.convSide(l);
    }

    /** Forward pass with batch statistics; leaves softmax probabilities in {@link #logits}. */
    private void forward(float[] inputs, int n) {
        int side = layout.side(0);
        int channels = layout.channels(0);
        int pixels = side * side;
        int values = channels * pixels;
        if (inputs.length != n * values) {
            throw new IllegalArgumentException("expected " + n + " images of " + side + "x" + side + "x" + channels
                    + " = " + n * values + " values, got " + inputs.length);
        }
        ensureCapacity(n);
        float[] source = inputs; // one channel: [image][row][column] is already channel-major
        if (channels > 1) { // DL4J's flat images are [image][channel][row][column]
            ChannelMajor.fromImageMajor(inputs, channelMajor, n, channels, pixels);
            source = channelMajor;
        }
        for (int l = 0; l < blocks; l++) {
            convolve(l, source, n);
            BatchNormRelu.forward(act[l], xhat[l], invStd[l], filters, rows(l, n), params, layout.gammaOffset(l),
                    layout.betaOffset(l), bnEpsilon);
            if (layout.pool()) {
                MaxPool.forward(act[l], filters * n, layout.convSide(l), layout.side(l + 1), layout.poolPad(l),
                        out[l], poolFrom[l]);
            }
            source = out[l];
        }
        ChannelMajor.toImageMajor(out[blocks - 1], flat, n, filters, positions()); // DL4J's flatten order
        DenseHead.forward(layout, params, flat, n, logits);
    }

    /** Positions of one channel of the last feature map. */
    private int positions() {
        return layout.side(blocks) * layout.side(blocks);
    }

    @Override
    public double lossAndGradient(Batch batch, float[] gradient) {
        if (gradient.length != params.length) {
            throw new IllegalArgumentException("expected a gradient of " + params.length + ", got " + gradient.length);
        }
        int n = batch.size();
        checkTargets(batch);
        forward(batch.inputs(), n);
        double loss = SoftmaxCrossEntropy.loss(logits, batch.targets(), n, layout.ways());
        DenseHead.backward(layout, params, flat, n, logits, batch.targets(), gradient, dflat);
        ChannelMajor.fromImageMajor(dflat, gradOut[blocks - 1], n, filters, positions());
        for (int l = blocks - 1; l >= 0; l--) {
            blockBackward(l, n, gradient);
        }
        return loss;
    }

    /**
     * grad[l] holds dL/d(block output); computes the block's parameter gradients and, for l > 0,
     * dL/d(previous block output) into grad[l - 1].
     */
    private void blockBackward(int l, int n, float[] gradient) {
        int m = rows(l, n);
        float[] g = grad[l];
        if (layout.pool()) {
            int pooled = n * layout.side(l + 1) * layout.side(l + 1) * filters;
            MaxPool.backward(gradOut[l], poolFrom[l], pooled, g, m * filters);
        }
        BatchNormRelu.backward(g, act[l], xhat[l], invStd[l], filters, m, params, gradient, layout.gammaOffset(l),
                layout.betaOffset(l), layout.biasOffset(l));
        float[] dk = convolveBackward(l, n, g, l > 0 ? gradOut[l - 1] : null);
        System.arraycopy(dk, 0, gradient, layout.kernelOffset(l), dk.length);
    }

    /**
     * Block l's convolution alone, without its bias (im2col + sgemm): source is the block input
     * [channel][image][row][column], the result (returned, owned by the net) [filter][image][row][column]. Public as
     * a per-layer hook for the benchmark and the tests that hold oneDNN's convolutions to it.
     */
    public float[] convolve(int l, float[] source, int n) {
        ensureCapacity(n);
        im2col[l].columns(source, n, padded, colArray);
        col[l].put(0, colArray, 0, im2col[l].columnsSize(n));
        Sgemm.gemm(false, false, filters, rows(l, n), layout.kernelSize(l) / filters, kernel[l], col[l], act[l]);
        return act[l];
    }

    /**
     * The adjoint of {@link #convolve} for the same l and n (it reuses that call's columns): dz is the gradient
     * w.r.t. the convolution output; returns the kernel gradient [out][in][kh][kw] (owned by the net) and, when dx is
     * not null, writes the gradient w.r.t. the block input into it.
     */
    public float[] convolveBackward(int l, int n, float[] dz, float[] dx) {
        int m = rows(l, n);
        int k = layout.kernelSize(l) / filters;
        // kernel gradient [out][in][kh][kw] = dz [out x m] col^T
        float[] dk = kernelGrad[l];
        Sgemm.gemm(false, true, filters, k, m, dz, col[l], dk);
        if (dx != null) {
            Sgemm.gemm(true, false, k, m, filters, kernel[l], dz, dcol);
            dcol.get(0, dcolArray, 0, im2col[l].columnsSize(n));
            im2col[l].addBack(dcolArray, n, padded, dx);
        }
        return dk;
    }

    private void checkTargets(Batch batch) {
        if (batch.targetWidth() != layout.ways()) {
            throw new IllegalArgumentException("expected one-hot targets of width " + layout.ways() + ", got "
                    + batch.targetWidth());
        }
    }

    @Override
    public float[] predict(float[] inputs, int rows) {
        forward(inputs, rows);
        return Arrays.copyOf(logits, rows * layout.ways());
    }

    @Override
    public double loss(Batch batch) {
        checkTargets(batch);
        int n = batch.size();
        forward(batch.inputs(), n);
        return SoftmaxCrossEntropy.loss(logits, batch.targets(), n, layout.ways());
    }

    @Override
    public LeanConvNet copy() {
        return new LeanConvNet(layout, bnEpsilon, params);
    }

    public int ways() {
        return layout.ways();
    }
}
