package org.metalearn.models.lean;

/**
 * Batch norm with batch statistics followed by ReLU, forward and backward, for {@link LeanConvNet}'s channel-major
 * activations (each channel's values of the whole batch one contiguous segment of {@code m}). The convolution's bias
 * moves every value of a channel equally, so under batch statistics it only moves the mean and cancels: it stays a
 * parameter (as in DL4J and TensorFlow) whose gradient is ~0. Sums run in eight partial sums in a fixed order, so the
 * JIT vectorises them and the bits do not depend on it.
 */
final class BatchNormRelu {
    private BatchNormRelu() {
    }

    /**
     * {@code z} holds the convolution outputs (without bias) of {@code filters} channels of {@code m} values each;
     * replaces them with ReLU(gamma * xhat + beta), keeps xhat in {@code xhat} and each channel's 1/sqrt(var + eps)
     * in {@code invStd}.
     */
    static void forward(float[] z, float[] xhat, float[] invStd, int filters, int m, float[] params, int gammaOffset,
                        int betaOffset, float epsilon) {
        float invM = 1f / m;
        for (int c = 0; c < filters; c++) {
            int from = c * m;
            int to = from + m;
            float mu = sum(z, from, to) * invM;
            for (int i = from; i < to; i++) {
                xhat[i] = z[i] - mu;
            }
            float var = dot(xhat, xhat, from, to) * invM;
            float is = (float) (1.0 / Math.sqrt(var + (double) epsilon));
            invStd[c] = is;
            float gamma = params[gammaOffset + c];
            float beta = params[betaOffset + c];
            for (int i = from; i < to; i++) {
                float x = xhat[i] * is;
                xhat[i] = x;
                z[i] = Math.max(gamma * x + beta, 0f);
            }
        }
    }

    /**
     * {@code g} holds the gradient w.r.t. the block's activations {@code a} (the forward pass's output); replaces it
     * with the gradient w.r.t. the convolution output and writes gamma's, beta's and the bias's gradients.
     */
    static void backward(float[] g, float[] a, float[] xhat, float[] invStd, int filters, int m, float[] params,
                         float[] gradient, int gammaOffset, int betaOffset, int biasOffset) {
        for (int c = 0; c < filters; c++) {
            int from = c * m;
            int to = from + m;
            // ReLU's gradient as a product: a * 2^149 is >= 1 for any positive float (even subnormal), so the
            // factor is exactly 1 or 0 and the loop vectorises (a branch per element mispredicts half the time)
            for (int i = from; i < to; i++) {
                g[i] *= Math.min(a[i] * 0x1p127f * 0x1p22f, 1f);
            }
            float dBeta = sum(g, from, to);
            float dGamma = dot(g, xhat, from, to);
            gradient[gammaOffset + c] = dGamma;
            gradient[betaOffset + c] = dBeta;
            float scale = params[gammaOffset + c] * invStd[c];
            float meanBeta = dBeta / m;
            float meanGamma = dGamma / m;
            for (int i = from; i < to; i++) {
                g[i] = scale * (g[i] - meanBeta - xhat[i] * meanGamma);
            }
            gradient[biasOffset + c] = sum(g, from, to);
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
}
