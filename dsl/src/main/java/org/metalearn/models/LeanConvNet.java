package org.metalearn.models;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.tasks.Batch;

/**
 * The paper's conv networks ({@link OmniglotNet}, {@link MiniImageNetNet}) computed on float arrays: each 3x3
 * 'same' convolution (stride 2 for Omniglot, 1 for Mini-ImageNet) is an im2col copy plus one OpenBLAS matrix
 * product ({@link Sgemm}); batch norm (batch statistics, eps 1e-3), the optional 2x2 max-pool ({@link MaxPool}),
 * ReLU, dense and softmax cross-entropy are plain loops. Pool and ReLU commute (ReLU is monotone), so the net
 * applies ReLU before the pool, which lets the backward pass keep one ReLU mask at conv resolution. Summed loss, as
 * {@code models.reference.Dl4jClassifier}; predictions are softmax probabilities from a batch-statistics forward pass.
 *
 * <p>Why hand-written: DL4J spends most of a 10-image step of this tiny net on per-layer overhead (31 ms a
 * step with its oneDNN helpers, while the arithmetic is ~160 MFLOP, i.e. ~1.5 ms of OpenBLAS time); no
 * library on Maven Central trains small CNNs on the JVM without that overhead. The trainable parameter vector
 * has exactly {@code models.reference.Dl4jClassifier}'s layout (per block: conv bias, conv kernel [out][in][kh][kw], gamma,
 * beta; then the dense kernel column-major [256 x N] and its bias), so the two are interchangeable and a
 * test checks they compute the same loss, gradient and outputs.
 *
 * <p>Activations are stored channel-major ([channel][image][row][column]), so that batch norm runs over
 * contiguous per-channel segments in loops the JIT vectorises (measured ~4x faster than position-major rows
 * of 64 channels), and the kernels multiply in their parameter order. Not thread-safe: use one
 * {@link #copy()} per thread.
 *
 * <p>{@link OneDnnConvNet} computes the same nets in oneDNN (faster where its natives ship, see {@link Convolutions}).
 *
 * <p>Longer than the house limit of ~300 lines on purpose: forward pass, backward pass and the scratch buffers they
 * share are one hot path whose buffer layout every loop depends on; split across classes, the buffers would have
 * to be passed around or exposed, for no gain in clarity.
 */
public final class LeanConvNet implements Learner {
    private static final int KERNEL = 3;

    private final ConvLayout layout;
    private final int stride;
    private final boolean pool;
    private final int[] convSide;
    private final int[] poolPad;

    private final int ways;
    private final int filters;
    private final int blocks;
    private final float bnEpsilon;
    // the layout's arrays, read on every step (see ConvLayout)
    private final int[] side;
    private final int[] channels;
    private final int[] pad;
    private final int[] biasOffset;
    private final int[] kernelOffset;
    private final int[] gammaOffset;
    private final int[] betaOffset;
    private final int denseOffset;
    private final int denseBiasOffset;
    private final int features;
    private final float[] params;
    private final float[][] kernel; // per block [out][in][kh][kw]: a copy, as OpenBLAS takes whole arrays
    private final float[][] kernelGrad; // the same layout, for the gradient

    // scratch for the largest batch seen, reused across steps
    private int capacity;
    private FloatBuffer[] col; // direct: OpenBLAS reads it in place (heap arrays are copied in and out per call)
    private float[][] xhat;
    private float[][] act;
    private float[][] grad;  // gradient w.r.t. a block's output activations, then w.r.t. its convolution output
    // a block's output and its gradient: act/grad without a pool, the pooled map and its gradient with one
    private float[][] out;
    private float[][] gradOut;
    private int[][] poolFrom; // per pooled value, the index in act[l] it came from
    private float[] channelMajor; // a multi-channel batch as [channel][image][row][column]
    private FloatBuffer dcol;
    // heap twins of the column buffers: Java loops on arrays are ~2x faster than on direct buffers, so im2col and
    // col2im work here and move the values with one bulk copy (cheaper than JavaCPP copying arrays per call)
    private float[] colArray;
    private float[] dcolArray;
    private float[] padded; // a block's input with a zero border of one pixel, so im2col/col2im need no bounds tests
    private float[][] invStd;
    private float[] flat;
    private float[] logits;

    /** A net for N-way classification of 28x28 single-channel images, with the given parameters. */
    public LeanConvNet(int ways, float[] params) {
        this(OmniglotNet.layout(ways), (float) OmniglotNet.BN_EPSILON, params);
    }

    LeanConvNet(ConvLayout layout, float bnEpsilon, float[] params) {
        this.layout = layout;
        this.stride = layout.stride;
        this.pool = layout.pool;
        this.convSide = layout.convSide;
        this.poolPad = layout.poolPad;
        this.ways = layout.ways;
        this.filters = layout.filters;
        this.blocks = layout.blocks;
        this.bnEpsilon = bnEpsilon;
        side = layout.side;
        channels = layout.channels;
        pad = layout.pad;
        biasOffset = layout.biasOffset;
        kernelOffset = layout.kernelOffset;
        gammaOffset = layout.gammaOffset;
        betaOffset = layout.betaOffset;
        features = layout.features;
        denseOffset = layout.denseOffset;
        denseBiasOffset = layout.denseBiasOffset;
        kernel = new float[blocks][];
        kernelGrad = new float[blocks][];
        for (int l = 0; l < blocks; l++) {
            kernel[l] = new float[layout.kernelSize(l)];
            kernelGrad[l] = new float[kernel[l].length];
        }
        if (params.length != layout.parameterCount()) {
            throw new IllegalArgumentException("expected " + layout.parameterCount() + " parameters, got "
                    + params.length);
        }
        this.params = params.clone();
        copyKernels();
    }

    /**
     * A freshly initialised N-way net: Glorot-uniform kernels drawn from {@code rng} in parameter order, zero
     * biases, gamma 1, beta 0; the same draws as {@code Dl4jClassifier.create} makes, so a seed gives the same
     * start on either backend.
     */
    public static LeanConvNet create(int ways, UniformRandomProvider rng) {
        return create(OmniglotNet.layout(ways), (float) OmniglotNet.BN_EPSILON, rng);
    }

    /** As {@link #create(int, UniformRandomProvider)} for any layout (the Mini-ImageNet net's, for one). */
    static LeanConvNet create(ConvLayout layout, float bnEpsilon, UniformRandomProvider rng) {
        return new LeanConvNet(layout, bnEpsilon, initialParameters(layout, rng));
    }

    /** Fresh parameters of a {@code layout} net, drawn as described at {@link #create(int, UniformRandomProvider)}. */
    static float[] initialParameters(ConvLayout layout, UniformRandomProvider rng) {
        float[] p = new float[layout.parameterCount()];
        int receptive = KERNEL * KERNEL;
        for (int l = 0; l < layout.blocks; l++) {
            Initializers.glorotUniform(p, layout.kernelOffset[l], layout.filters * layout.channels[l] * receptive,
                    layout.channels[l] * receptive, layout.filters * receptive, rng);
            Arrays.fill(p, layout.gammaOffset[l], layout.gammaOffset[l] + layout.filters, 1f);
        }
        Initializers.glorotUniform(p, layout.denseOffset, layout.features * layout.ways, layout.features,
                layout.ways, rng);
        return p;
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
            System.arraycopy(params, kernelOffset[l], kernel[l], 0, kernel[l].length);
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
            col[l] = Sgemm.direct(rows * channels[l] * KERNEL * KERNEL);
            maxCol = Math.max(maxCol, col[l].capacity());
            maxPadded = Math.max(maxPadded, channels[l] * n * (side[l] + 2) * (side[l] + 2));
            xhat[l] = new float[rows * filters];
            act[l] = new float[rows * filters];
            grad[l] = new float[rows * filters];
            if (pool) {
                int pooled = n * side[l + 1] * side[l + 1] * filters;
                out[l] = new float[pooled];
                gradOut[l] = new float[pooled];
                poolFrom[l] = new int[pooled];
            } else {
                out[l] = act[l];
                gradOut[l] = grad[l];
            }
        }
        channelMajor = channels[0] > 1 ? new float[n * channels[0] * side[0] * side[0]] : null;
        dcol = Sgemm.direct(maxCol);
        colArray = new float[maxCol];
        dcolArray = new float[maxCol];
        padded = new float[maxPadded];
        flat = new float[n * features];
        logits = new float[n * ways];
        capacity = n;
    }

    /** Positions of block l's convolution output over the batch. */
    private int rows(int l, int n) {
        return n * convSide[l] * convSide[l];
    }

    /** Forward pass with batch statistics; leaves softmax probabilities in {@link #logits}. */
    private void forward(float[] inputs, int n) {
        int pixels = side[0] * side[0];
        int values = channels[0] * pixels;
        if (inputs.length != n * values) {
            throw new IllegalArgumentException("expected " + n + " images of " + side[0] + "x" + side[0] + "x"
                    + channels[0] + " = " + n * values + " values, got " + inputs.length);
        }
        ensureCapacity(n);
        float[] source = inputs; // one channel: [image][row][column] is already channel-major
        if (channels[0] > 1) {
            // DL4J's flat images are [image][channel][row][column]
            for (int b = 0; b < n; b++) {
                for (int c = 0; c < channels[0]; c++) {
                    System.arraycopy(inputs, (b * channels[0] + c) * pixels, channelMajor, (c * n + b) * pixels,
                            pixels);
                }
            }
            source = channelMajor;
        }
        for (int l = 0; l < blocks; l++) {
            int m = rows(l, n);
            convolve(l, source, n);
            batchNormRelu(l, m);
            if (pool) {
                MaxPool.forward(act[l], filters * n, convSide[l], side[l + 1], poolPad[l], out[l], poolFrom[l]);
            }
            source = out[l];
        }
        // flatten [channel][image][position] -> DL4J's [image][channel][position]
        int positions = side[blocks] * side[blocks];
        float[] last = out[blocks - 1];
        for (int c = 0; c < filters; c++) {
            for (int b = 0; b < n; b++) {
                System.arraycopy(last, (c * n + b) * positions, flat, b * features + c * positions, positions);
            }
        }
        DenseHead.forward(layout, params, flat, n, logits);
    }

    /**
     * col[l] = [k][position]: row (i, ky, kx) holds input channel i shifted by (ky, kx) at every output position.
     * The input is first copied into {@link #padded} with a zero border (TensorFlow 'same' pads at most one pixel
     * a side here), then loops run over positions with the nine taps innermost and no bounds tests: measured ~2x
     * faster than a loop per tap, whose rows are only 2-14 values long.
     */
    private void im2col(int l, float[] source, int n) {
        int in = side[l];
        int out = convSide[l];
        int wide = in + 2;
        int m = n * out * out;
        int images = channels[l] * n;
        Arrays.fill(padded, 0, images * wide * wide, 0f);
        for (int image = 0; image < images; image++) {
            for (int y = 0; y < in; y++) {
                System.arraycopy(source, (image * in + y) * in, padded, (image * wide + y + 1) * wide + 1, in);
            }
        }
        float[] dst = colArray;
        int shift = 1 - pad[l];
        if (stride == 1) {
            im2colStride1(l, n, dst);
            col[l].put(0, dst, 0, channels[l] * KERNEL * KERNEL * m);
            return;
        }
        for (int i = 0; i < channels[l]; i++) {
            int rows = i * KERNEL * KERNEL * m;
            for (int b = 0; b < n; b++) {
                int image = (i * n + b) * wide * wide;
                for (int oy = 0; oy < out; oy++) {
                    int top = image + (oy * stride + shift) * wide + shift;
                    int position = (b * out + oy) * out;
                    for (int ox = 0; ox < out; ox++, position++) {
                        int s = top + ox * stride;
                        int d = rows + position;
                        dst[d] = padded[s];
                        dst[d + m] = padded[s + 1];
                        dst[d + 2 * m] = padded[s + 2];
                        dst[d + 3 * m] = padded[s + wide];
                        dst[d + 4 * m] = padded[s + wide + 1];
                        dst[d + 5 * m] = padded[s + wide + 2];
                        dst[d + 6 * m] = padded[s + 2 * wide];
                        dst[d + 7 * m] = padded[s + 2 * wide + 1];
                        dst[d + 8 * m] = padded[s + 2 * wide + 2];
                    }
                }
            }
        }
        col[l].put(0, dst, 0, channels[l] * KERNEL * KERNEL * m);
    }

    /**
     * Stride 1: each tap's row of an output row is a contiguous run of the padded input row, so it is one
     * {@code arraycopy} (im2col dropped out of the profile's top entries with it, from the second place).
     */
    private void im2colStride1(int l, int n, float[] dst) {
        int in = side[l];
        int out = convSide[l];
        int wide = in + 2;
        int m = n * out * out;
        int shift = 1 - pad[l];
        for (int i = 0; i < channels[l]; i++) {
            for (int ky = 0; ky < KERNEL; ky++) {
                for (int kx = 0; kx < KERNEL; kx++) {
                    int row = ((i * KERNEL + ky) * KERNEL + kx) * m;
                    for (int b = 0; b < n; b++) {
                        int image = (i * n + b) * wide * wide;
                        for (int oy = 0; oy < out; oy++) {
                            System.arraycopy(padded, image + (oy + ky + shift) * wide + kx + shift, dst,
                                    row + (b * out + oy) * out, out);
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2colStride1}: each tap's run is added back onto its input row. */
    private void col2imStride1(int l, int n, float[] src) {
        int in = side[l];
        int out = convSide[l];
        int wide = in + 2;
        int m = n * out * out;
        int shift = 1 - pad[l];
        for (int i = 0; i < channels[l]; i++) {
            for (int ky = 0; ky < KERNEL; ky++) {
                for (int kx = 0; kx < KERNEL; kx++) {
                    int row = ((i * KERNEL + ky) * KERNEL + kx) * m;
                    for (int b = 0; b < n; b++) {
                        int image = (i * n + b) * wide * wide;
                        for (int oy = 0; oy < out; oy++) {
                            int t = image + (oy + ky + shift) * wide + kx + shift;
                            int d = row + (b * out + oy) * out;
                            for (int x = 0; x < out; x++) {
                                padded[t + x] += src[d + x];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Accumulates the column gradient back onto the block's input (the adjoint of im2col), via {@link #padded}. */
    private void col2im(int l, float[] target, int n) {
        int in = side[l];
        int out = convSide[l];
        int wide = in + 2;
        int m = n * out * out;
        int images = channels[l] * n;
        Arrays.fill(padded, 0, images * wide * wide, 0f);
        float[] src = dcolArray;
        dcol.get(0, src, 0, channels[l] * KERNEL * KERNEL * m);
        int shift = 1 - pad[l];
        if (stride == 1) {
            col2imStride1(l, n, src);
        }
        for (int i = 0; stride != 1 && i < channels[l]; i++) {
            int rows = i * KERNEL * KERNEL * m;
            for (int b = 0; b < n; b++) {
                int image = (i * n + b) * wide * wide;
                for (int oy = 0; oy < out; oy++) {
                    int top = image + (oy * stride + shift) * wide + shift;
                    int position = (b * out + oy) * out;
                    for (int ox = 0; ox < out; ox++, position++) {
                        int t = top + ox * stride;
                        int d = rows + position;
                        padded[t] += src[d];
                        padded[t + 1] += src[d + m];
                        padded[t + 2] += src[d + 2 * m];
                        padded[t + wide] += src[d + 3 * m];
                        padded[t + wide + 1] += src[d + 4 * m];
                        padded[t + wide + 2] += src[d + 5 * m];
                        padded[t + 2 * wide] += src[d + 6 * m];
                        padded[t + 2 * wide + 1] += src[d + 7 * m];
                        padded[t + 2 * wide + 2] += src[d + 8 * m];
                    }
                }
            }
        }
        for (int image = 0; image < images; image++) {
            for (int y = 0; y < in; y++) {
                System.arraycopy(padded, (image * wide + y + 1) * wide + 1, target, (image * in + y) * in, in);
            }
        }
    }

    /**
     * act[l] holds the convolution output without its bias; replaces it with ReLU(gamma * xhat + beta) and keeps
     * xhat. The bias moves every value of a channel equally, so under batch statistics it only moves the mean
     * and cancels (it stays a parameter, as in DL4J and TensorFlow, with a gradient of ~0).
     */
    private void batchNormRelu(int l, int m) {
        float[] z = act[l];
        float[] xh = xhat[l];
        float invM = 1f / m;
        for (int c = 0; c < filters; c++) {
            int from = c * m;
            int to = from + m;
            float mu = sum(z, from, to) * invM;
            for (int i = from; i < to; i++) {
                xh[i] = z[i] - mu;
            }
            float var = sumOfSquares(xh, from, to) * invM;
            float is = (float) (1.0 / Math.sqrt(var + (double) bnEpsilon));
            invStd[l][c] = is;
            float gamma = params[gammaOffset[l] + c];
            float beta = params[betaOffset[l] + c];
            for (int i = from; i < to; i++) {
                float x = xh[i] * is;
                xh[i] = x;
                z[i] = Math.max(gamma * x + beta, 0f);
            }
        }
    }

    /** Sum with eight partial sums: the additions overlap instead of waiting on each other (fixed order). */
    private static float sum(float[] a, int from, int to) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
            s4 += a[i + 4];
            s5 += a[i + 5];
            s6 += a[i + 6];
            s7 += a[i + 7];
        }
        for (; i < to; i++) {
            s0 += a[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    private static float sumOfSquares(float[] a, int from, int to) {
        return dot(a, a, from, to);
    }

    private static float dot(float[] a, float[] b, int from, int to) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
            s4 += a[i + 4] * b[i + 4];
            s5 += a[i + 5] * b[i + 5];
            s6 += a[i + 6] * b[i + 6];
            s7 += a[i + 7] * b[i + 7];
        }
        for (; i < to; i++) {
            s0 += a[i] * b[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    @Override
    public double lossAndGradient(Batch batch, float[] gradient) {
        if (gradient.length != params.length) {
            throw new IllegalArgumentException("expected a gradient of " + params.length + ", got " + gradient.length);
        }
        int n = batch.size();
        checkTargets(batch);
        forward(batch.inputs(), n);
        float[] targets = batch.targets();
        double loss = DenseHead.crossEntropy(logits, targets, n, ways);
        // dL/dlogits = p * sum(t) - t, reusing the logits array
        for (int b = 0; b < n; b++) {
            float total = 0;
            for (int o = 0; o < ways; o++) {
                total += targets[b * ways + o];
            }
            for (int o = 0; o < ways; o++) {
                logits[b * ways + o] = logits[b * ways + o] * total - targets[b * ways + o];
            }
        }
        denseBackward(n, gradient);
        for (int l = blocks - 1; l >= 0; l--) {
            blockBackward(l, n, gradient);
        }
        return loss;
    }

    /** Dense layer: its weight and bias gradients, and the gradient w.r.t. the last block's activations. */
    private void denseBackward(int n, float[] gradient) {
        Arrays.fill(gradient, denseOffset, params.length, 0f);
        int positions = side[blocks] * side[blocks];
        float[] g = gradOut[blocks - 1];
        for (int b = 0; b < n; b++) {
            int x = b * features;
            for (int o = 0; o < ways; o++) {
                float d = logits[b * ways + o];
                gradient[denseBiasOffset + o] += d;
                int w = denseOffset + o * features;
                for (int i = 0; i < features; i++) {
                    gradient[w + i] += flat[x + i] * d;
                }
            }
            // back to [channel][image][position]
            for (int c = 0; c < filters; c++) {
                for (int p = 0; p < positions; p++) {
                    int i = c * positions + p;
                    float s = 0;
                    for (int o = 0; o < ways; o++) {
                        s += logits[b * ways + o] * params[denseOffset + o * features + i];
                    }
                    g[(c * n + b) * positions + p] = s;
                }
            }
        }
    }

    /**
     * grad[l] holds dL/d(block output); computes the block's parameter gradients and, for l > 0,
     * dL/d(previous block output) into grad[l - 1].
     */
    private void blockBackward(int l, int n, float[] gradient) {
        int m = rows(l, n);
        int f = filters;
        float[] g = grad[l];
        if (pool) {
            int pooled = n * side[l + 1] * side[l + 1] * f;
            MaxPool.backward(gradOut[l], poolFrom[l], pooled, g, m * f);
        }
        float[] a = act[l];
        float[] xh = xhat[l];
        for (int c = 0; c < f; c++) {
            int from = c * m;
            int to = from + m;
            // ReLU's gradient as a product: a * 2^149 is >= 1 for any positive float (even subnormal), so the
            // factor is exactly 1 or 0 and the loop vectorises (a branch per element mispredicts half the time)
            for (int i = from; i < to; i++) {
                g[i] *= Math.min(a[i] * 0x1p127f * 0x1p22f, 1f);
            }
            float dBeta = sum(g, from, to);
            float dGamma = dot(g, xh, from, to);
            gradient[gammaOffset[l] + c] = dGamma;
            gradient[betaOffset[l] + c] = dBeta;
            float scale = params[gammaOffset[l] + c] * invStd[l][c];
            float meanBeta = dBeta / m;
            float meanGamma = dGamma / m;
            for (int i = from; i < to; i++) {
                g[i] = scale * (g[i] - meanBeta - xh[i] * meanGamma);
            }
            gradient[biasOffset[l] + c] = sum(g, from, to);
        }
        float[] dk = convolveBackward(l, n, g, l > 0 ? gradOut[l - 1] : null);
        System.arraycopy(dk, 0, gradient, kernelOffset[l], dk.length);
    }

    /**
     * Block l's convolution alone, without its bias (im2col + sgemm): source is
     * the block input [channel][image][row][column], the result (returned, owned by the net) [filter][image][row]
     * [column]. Package-private so that {@code OneDnnConvTest} and {@code ConvKernels} can check and time the
     * im2col path per layer.
     */
    float[] convolve(int l, float[] source, int n) {
        ensureCapacity(n);
        im2col(l, source, n);
        Sgemm.gemm(false, false, filters, rows(l, n), channels[l] * KERNEL * KERNEL, kernel[l], col[l], act[l]);
        return act[l];
    }

    /**
     * The adjoint of {@link #convolve} for the same l and n (it reuses that call's columns): dz is the gradient
     * w.r.t. the convolution output; returns the kernel gradient [out][in][kh][kw] (owned by the net) and, when dx is
     * not null, writes the gradient w.r.t. the block input into it.
     */
    float[] convolveBackward(int l, int n, float[] dz, float[] dx) {
        int m = rows(l, n);
        int k = channels[l] * KERNEL * KERNEL;
        // kernel gradient [out][in][kh][kw] = dz [out x m] col^T
        float[] dk = kernelGrad[l];
        Sgemm.gemm(false, true, filters, k, m, dz, col[l], dk);
        if (dx != null) {
            Sgemm.gemm(true, false, k, m, filters, kernel[l], dz, dcol);
            col2im(l, dx, n);
        }
        return dk;
    }

    private void checkTargets(Batch batch) {
        if (batch.targetWidth() != ways) {
            throw new IllegalArgumentException("expected one-hot targets of width " + ways + ", got "
                    + batch.targetWidth());
        }
    }

    @Override
    public float[] predict(float[] inputs, int rows) {
        forward(inputs, rows);
        return Arrays.copyOf(logits, rows * ways);
    }

    @Override
    public double loss(Batch batch) {
        checkTargets(batch);
        int n = batch.size();
        forward(batch.inputs(), n);
        return DenseHead.crossEntropy(logits, batch.targets(), n, ways);
    }

    @Override
    public LeanConvNet copy() {
        return new LeanConvNet(layout, bnEpsilon, params);
    }

    public int ways() {
        return ways;
    }
}
