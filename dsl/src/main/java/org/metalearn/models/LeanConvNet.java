package org.metalearn.models;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.tasks.Batch;

/**
 * The paper's Omniglot network (see {@link OmniglotNet}) computed on float arrays: each 3x3 stride-2 'same'
 * convolution is an im2col copy plus one OpenBLAS matrix product ({@link Sgemm}), batch norm (batch
 * statistics, eps 1e-3), ReLU, dense and softmax cross-entropy are plain loops. Summed loss, as
 * {@link Dl4jClassifier}; predictions are softmax probabilities from a batch-statistics forward pass.
 *
 * <p>Why hand-written: DL4J spends most of a 10-image step of this tiny net on per-layer overhead (31 ms a
 * step with its oneDNN helpers, while the arithmetic is ~160 MFLOP, i.e. ~1.5 ms of OpenBLAS time); no
 * library on Maven Central trains small CNNs on the JVM without that overhead. The trainable parameter vector
 * has exactly {@link Dl4jClassifier}'s layout (per block: conv bias, conv kernel [out][in][kh][kw], gamma,
 * beta; then the dense kernel column-major [256 x N] and its bias), so the two are interchangeable and a
 * test checks they compute the same loss, gradient and outputs.
 *
 * <p>Activations are stored position-major ([image][row][column][channel]) so that im2col copies whole
 * channel vectors; the kernels are permuted to match once per {@link #setParameters}. Not thread-safe: use
 * one {@link #copy()} per thread.
 */
public final class LeanConvNet implements Learner {
    private static final int KERNEL = 3;
    private static final int STRIDE = 2;

    private final int ways;
    private final int filters;
    private final int blocks;
    private final float bnEpsilon;
    private final int[] side;     // side[l]: input side of block l; side[blocks]: side of the last feature map
    private final int[] channels; // input channels of block l
    private final int[] pad;      // TensorFlow 'same': rows of padding before the image (the rest goes after)
    private final int[] biasOffset;
    private final int[] kernelOffset;
    private final int[] gammaOffset;
    private final int[] betaOffset;
    private final int denseOffset;
    private final int denseBiasOffset;
    private final int features;
    private final float[] params;
    private final float[][] kernel; // per block [out][kh][kw][in], permuted from params
    private final float[][] kernelGrad; // the same layout, for the gradient

    // scratch for the largest batch seen, reused across steps
    private int capacity;
    private float[][] col;
    private float[][] xhat;
    private float[][] act;
    private float[][] grad;  // gradient w.r.t. a block's output activations, then w.r.t. its convolution output
    private float[] dcol;
    private float[][] mean;
    private float[][] invStd;
    private float[] flat;
    private float[] logits;

    /** A net for N-way classification of 28x28 single-channel images, with the given parameters. */
    public LeanConvNet(int ways, float[] params) {
        this(ways, OmniglotNet.SIDE, OmniglotNet.BLOCKS, OmniglotNet.FILTERS, (float) OmniglotNet.BN_EPSILON, params);
    }

    LeanConvNet(int ways, int inputSide, int blocks, int filters, float bnEpsilon, float[] params) {
        if (ways < 2) {
            throw new IllegalArgumentException("ways must be >= 2, got " + ways);
        }
        this.ways = ways;
        this.filters = filters;
        this.blocks = blocks;
        this.bnEpsilon = bnEpsilon;
        side = new int[blocks + 1];
        channels = new int[blocks];
        pad = new int[blocks];
        biasOffset = new int[blocks];
        kernelOffset = new int[blocks];
        gammaOffset = new int[blocks];
        betaOffset = new int[blocks];
        kernel = new float[blocks][];
        kernelGrad = new float[blocks][];
        side[0] = inputSide;
        int offset = 0;
        for (int l = 0; l < blocks; l++) {
            channels[l] = l == 0 ? 1 : filters;
            side[l + 1] = (side[l] + STRIDE - 1) / STRIDE;
            pad[l] = Math.max((side[l + 1] - 1) * STRIDE + KERNEL - side[l], 0) / 2;
            biasOffset[l] = offset;
            kernelOffset[l] = offset + filters;
            gammaOffset[l] = kernelOffset[l] + filters * channels[l] * KERNEL * KERNEL;
            betaOffset[l] = gammaOffset[l] + filters;
            offset = betaOffset[l] + filters;
            kernel[l] = new float[filters * channels[l] * KERNEL * KERNEL];
            kernelGrad[l] = new float[kernel[l].length];
        }
        features = filters * side[blocks] * side[blocks];
        denseOffset = offset;
        denseBiasOffset = offset + features * ways;
        int count = denseBiasOffset + ways;
        if (params.length != count) {
            throw new IllegalArgumentException("expected " + count + " parameters, got " + params.length);
        }
        this.params = params.clone();
        permuteKernels();
    }

    /**
     * A freshly initialised N-way net: Glorot-uniform kernels drawn from {@code rng} in parameter order, zero
     * biases, gamma 1, beta 0; the same draws as {@link Dl4jClassifier#create} makes, so a seed gives the same
     * start on either backend.
     */
    public static LeanConvNet create(int ways, UniformRandomProvider rng) {
        LeanConvNet net = new LeanConvNet(ways, new float[parameterCount(ways)]);
        float[] p = net.params;
        for (int l = 0; l < net.blocks; l++) {
            int receptive = KERNEL * KERNEL;
            Initializers.glorotUniform(p, net.kernelOffset[l], net.filters * net.channels[l] * receptive,
                    net.channels[l] * receptive, net.filters * receptive, rng);
            Arrays.fill(p, net.gammaOffset[l], net.gammaOffset[l] + net.filters, 1f);
        }
        Initializers.glorotUniform(p, net.denseOffset, net.features * ways, net.features, ways, rng);
        net.permuteKernels();
        return net;
    }

    /** Trainable parameters of the N-way net (113,221 for 5-way). */
    public static int parameterCount(int ways) {
        int perBlockFirst = OmniglotNet.FILTERS * (3 + 9);
        int perBlock = OmniglotNet.FILTERS * (3 + 9 * OmniglotNet.FILTERS);
        int last = (OmniglotNet.SIDE + 15) / 16;
        return perBlockFirst + (OmniglotNet.BLOCKS - 1) * perBlock + OmniglotNet.FILTERS * last * last * ways + ways;
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
        if (src.length != params.length) {
            throw new IllegalArgumentException("expected " + params.length + " parameters, got " + src.length);
        }
        System.arraycopy(src, 0, params, 0, params.length);
        permuteKernels();
    }

    /** params [out][in][kh][kw] -> kernel [out][kh][kw][in], the order im2col writes. */
    private void permuteKernels() {
        for (int l = 0; l < blocks; l++) {
            int c = channels[l];
            int base = kernelOffset[l];
            float[] k = kernel[l];
            for (int o = 0; o < filters; o++) {
                for (int i = 0; i < c; i++) {
                    for (int t = 0; t < KERNEL * KERNEL; t++) {
                        k[(o * KERNEL * KERNEL + t) * c + i] = params[base + (o * c + i) * KERNEL * KERNEL + t];
                    }
                }
            }
        }
    }

    private void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        col = new float[blocks][];
        xhat = new float[blocks][];
        act = new float[blocks][];
        grad = new float[blocks][];
        mean = new float[blocks][filters];
        invStd = new float[blocks][filters];
        int maxCol = 0;
        for (int l = 0; l < blocks; l++) {
            int rows = n * side[l + 1] * side[l + 1];
            col[l] = new float[rows * channels[l] * KERNEL * KERNEL];
            maxCol = Math.max(maxCol, col[l].length);
            xhat[l] = new float[rows * filters];
            act[l] = new float[rows * filters];
            grad[l] = new float[rows * filters];
        }
        dcol = new float[maxCol];
        flat = new float[n * features];
        logits = new float[n * ways];
        capacity = n;
    }

    private int rows(int l, int n) {
        return n * side[l + 1] * side[l + 1];
    }

    /** Forward pass with batch statistics; leaves softmax probabilities in {@link #logits}. */
    private void forward(float[] inputs, int n) {
        int pixels = side[0] * side[0];
        if (inputs.length != n * pixels) {
            throw new IllegalArgumentException("expected " + n + " images of " + side[0] + "x" + side[0] + " = "
                    + n * pixels + " values, got " + inputs.length);
        }
        ensureCapacity(n);
        float[] source = inputs; // one channel: row-major pixels are already position-major
        for (int l = 0; l < blocks; l++) {
            int m = rows(l, n);
            int k = channels[l] * KERNEL * KERNEL;
            im2col(l, source, n);
            float[] z = act[l];
            Sgemm.gemm(false, true, m, filters, k, col[l], kernel[l], z, false);
            batchNormRelu(l, m);
            source = act[l];
        }
        // flatten [image][position][channel] -> DL4J's [image][channel][position]
        int positions = side[blocks] * side[blocks];
        float[] last = act[blocks - 1];
        for (int b = 0; b < n; b++) {
            for (int p = 0; p < positions; p++) {
                int src = (b * positions + p) * filters;
                int dst = b * features + p;
                for (int c = 0; c < filters; c++) {
                    flat[dst + c * positions] = last[src + c];
                }
            }
        }
        for (int b = 0; b < n; b++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int o = 0; o < ways; o++) {
                float s = params[denseBiasOffset + o];
                int w = denseOffset + o * features;
                int x = b * features;
                for (int i = 0; i < features; i++) {
                    s += flat[x + i] * params[w + i];
                }
                logits[b * ways + o] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int o = 0; o < ways; o++) {
                // StrictMath: the same bits interpreted or compiled, so runs repeat exactly
                sum += StrictMath.exp(logits[b * ways + o] - max);
            }
            for (int o = 0; o < ways; o++) {
                logits[b * ways + o] = (float) (StrictMath.exp(logits[b * ways + o] - max) / sum);
            }
        }
    }

    private void im2col(int l, float[] source, int n) {
        int c = channels[l];
        int in = side[l];
        int out = side[l + 1];
        int k = c * KERNEL * KERNEL;
        float[] dst = col[l];
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < out; oy++) {
                for (int ox = 0; ox < out; ox++) {
                    int row = ((b * out + oy) * out + ox) * k;
                    for (int ky = 0; ky < KERNEL; ky++) {
                        int iy = oy * STRIDE + ky - pad[l];
                        for (int kx = 0; kx < KERNEL; kx++) {
                            int ix = ox * STRIDE + kx - pad[l];
                            int d = row + (ky * KERNEL + kx) * c;
                            if (iy < 0 || iy >= in || ix < 0 || ix >= in) {
                                Arrays.fill(dst, d, d + c, 0f);
                            } else {
                                System.arraycopy(source, ((b * in + iy) * in + ix) * c, dst, d, c);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Accumulates the column gradient back onto the block's input positions (the adjoint of im2col). */
    private void col2im(int l, float[] target, int n) {
        int c = channels[l];
        int in = side[l];
        int out = side[l + 1];
        int k = c * KERNEL * KERNEL;
        Arrays.fill(target, 0, n * in * in * c, 0f);
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < out; oy++) {
                for (int ox = 0; ox < out; ox++) {
                    int row = ((b * out + oy) * out + ox) * k;
                    for (int ky = 0; ky < KERNEL; ky++) {
                        int iy = oy * STRIDE + ky - pad[l];
                        if (iy < 0 || iy >= in) {
                            continue;
                        }
                        for (int kx = 0; kx < KERNEL; kx++) {
                            int ix = ox * STRIDE + kx - pad[l];
                            if (ix < 0 || ix >= in) {
                                continue;
                            }
                            int s = row + (ky * KERNEL + kx) * c;
                            int t = ((b * in + iy) * in + ix) * c;
                            for (int i = 0; i < c; i++) {
                                target[t + i] += dcol[s + i];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * act[l] holds the convolution output without bias (the bias cancels under batch statistics but is kept as
     * a parameter, as in DL4J and TensorFlow); replaces it with ReLU(gamma * xhat + beta) and keeps xhat.
     */
    private void batchNormRelu(int l, int m) {
        float[] z = act[l];
        float[] xh = xhat[l];
        float[] mu = mean[l];
        float[] is = invStd[l];
        int f = filters;
        double[] sum = new double[f];
        for (int r = 0; r < m; r++) {
            int o = r * f;
            for (int c = 0; c < f; c++) {
                sum[c] += z[o + c];
            }
        }
        // the bias shifts every row of a channel equally: it moves the mean and nothing else
        for (int c = 0; c < f; c++) {
            float b = params[biasOffset[l] + c];
            mu[c] = (float) (sum[c] / m) + b;
            sum[c] = 0;
        }
        for (int r = 0; r < m; r++) {
            int o = r * f;
            for (int c = 0; c < f; c++) {
                float d = z[o + c] + params[biasOffset[l] + c] - mu[c];
                sum[c] += d * d;
            }
        }
        for (int c = 0; c < f; c++) {
            is[c] = (float) (1.0 / Math.sqrt(sum[c] / m + bnEpsilon));
        }
        int g = gammaOffset[l];
        int be = betaOffset[l];
        int bias = biasOffset[l];
        for (int r = 0; r < m; r++) {
            int o = r * f;
            for (int c = 0; c < f; c++) {
                float x = (z[o + c] + params[bias + c] - mu[c]) * is[c];
                xh[o + c] = x;
                float y = params[g + c] * x + params[be + c];
                z[o + c] = y > 0 ? y : 0f;
            }
        }
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
        double loss = 0;
        // dL/dlogits = p * sum(t) - t, reusing the logits array
        for (int b = 0; b < n; b++) {
            float total = 0;
            for (int o = 0; o < ways; o++) {
                float t = targets[b * ways + o];
                total += t;
                if (t != 0) {
                    loss -= t * StrictMath.log(Math.max(logits[b * ways + o], Float.MIN_NORMAL));
                }
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
        float[] g = grad[blocks - 1];
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
            // back to [image][position][channel]
            for (int p = 0; p < positions; p++) {
                for (int c = 0; c < filters; c++) {
                    int i = c * positions + p;
                    float s = 0;
                    for (int o = 0; o < ways; o++) {
                        s += logits[b * ways + o] * params[denseOffset + o * features + i];
                    }
                    g[(b * positions + p) * filters + c] = s;
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
        int c = channels[l];
        int k = c * KERNEL * KERNEL;
        float[] g = grad[l];
        float[] a = act[l];
        float[] xh = xhat[l];
        double[] dGamma = new double[f];
        double[] dBeta = new double[f];
        for (int r = 0; r < m; r++) {
            int o = r * f;
            for (int ch = 0; ch < f; ch++) {
                float d = a[o + ch] > 0 ? g[o + ch] : 0f;
                g[o + ch] = d;
                dBeta[ch] += d;
                dGamma[ch] += d * xh[o + ch];
            }
        }
        float[] scale = new float[f];
        float[] meanBeta = new float[f];
        float[] meanGamma = new float[f];
        for (int ch = 0; ch < f; ch++) {
            gradient[gammaOffset[l] + ch] = (float) dGamma[ch];
            gradient[betaOffset[l] + ch] = (float) dBeta[ch];
            scale[ch] = params[gammaOffset[l] + ch] * invStd[l][ch];
            meanBeta[ch] = (float) (dBeta[ch] / m);
            meanGamma[ch] = (float) (dGamma[ch] / m);
        }
        double[] dBias = new double[f];
        for (int r = 0; r < m; r++) {
            int o = r * f;
            for (int ch = 0; ch < f; ch++) {
                float dz = scale[ch] * (g[o + ch] - meanBeta[ch] - xh[o + ch] * meanGamma[ch]);
                g[o + ch] = dz;
                dBias[ch] += dz;
            }
        }
        for (int ch = 0; ch < f; ch++) {
            gradient[biasOffset[l] + ch] = (float) dBias[ch];
        }
        // kernel gradient [out][kh][kw][in] = dz^T col, then back to the parameter order [out][in][kh][kw]
        float[] dk = kernelGrad[l];
        Sgemm.gemm(true, false, f, k, m, g, col[l], dk, false);
        int base = kernelOffset[l];
        for (int o = 0; o < f; o++) {
            for (int i = 0; i < c; i++) {
                for (int t = 0; t < KERNEL * KERNEL; t++) {
                    gradient[base + (o * c + i) * KERNEL * KERNEL + t] = dk[(o * KERNEL * KERNEL + t) * c + i];
                }
            }
        }
        if (l > 0) {
            Sgemm.gemm(false, false, m, k, f, g, kernel[l], dcol, false);
            col2im(l, grad[l - 1], n);
        }
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
        double loss = 0;
        float[] t = batch.targets();
        for (int i = 0; i < n * ways; i++) {
            if (t[i] != 0) {
                loss -= t[i] * StrictMath.log(Math.max(logits[i], Float.MIN_NORMAL));
            }
        }
        return loss;
    }

    @Override
    public LeanConvNet copy() {
        return new LeanConvNet(ways, side[0], blocks, filters, bnEpsilon, params);
    }

    public int ways() {
        return ways;
    }
}
