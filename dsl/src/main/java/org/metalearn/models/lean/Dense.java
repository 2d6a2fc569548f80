package org.metalearn.models.lean;

import java.util.Arrays;

/**
 * A dense layer on float arrays, forward and backward: the one implementation every net on float arrays uses (the
 * sine MLP's layers, the conv nets' heads on either backend). Inputs are rows of {@code nIn} values, outputs rows of
 * {@code nOut}; the kernel sits in the parameter vector as [output][input] (DL4J's column-major [nIn x nOut]) at
 * {@code weightOffset}, the biases at {@code biasOffset}. Plain loops: at these sizes a matrix library call costs
 * more than the arithmetic. Every sum runs in one fixed order (see docs/design/models.md#arithmetic).
 */
public final class Dense {
    private Dense() {
    }

    /** {@code out[r][o] = bias[o] + sum_i in[r][i] * kernel[o][i]}, summed over i in order. */
    public static void forward(float[] params, int weightOffset, int biasOffset, int nIn, int nOut, float[] in,
                               int rows, float[] out) {
        for (int r = 0; r < rows; r++) {
            int x = r * nIn;
            for (int o = 0; o < nOut; o++) {
                float s = params[biasOffset + o];
                int w = weightOffset + o * nIn;
                for (int i = 0; i < nIn; i++) {
                    s += in[x + i] * params[w + i];
                }
                out[r * nOut + o] = s;
            }
        }
    }

    /**
     * From the gradient w.r.t. the outputs {@code dOut}: writes the kernel and bias gradients into their places in
     * {@code gradient} (each summed over the rows in order) and, when {@code dIn} is not null, the gradient w.r.t.
     * the inputs into it (each summed over the outputs in order).
     */
    public static void backward(float[] params, int weightOffset, int biasOffset, int nIn, int nOut, float[] in,
                                int rows, float[] dOut, float[] gradient, float[] dIn) {
        Arrays.fill(gradient, weightOffset, weightOffset + nIn * nOut, 0f);
        Arrays.fill(gradient, biasOffset, biasOffset + nOut, 0f);
        if (dIn != null) {
            Arrays.fill(dIn, 0, rows * nIn, 0f);
        }
        for (int r = 0; r < rows; r++) {
            int x = r * nIn;
            for (int o = 0; o < nOut; o++) {
                float d = dOut[r * nOut + o];
                gradient[biasOffset + o] += d;
                int w = weightOffset + o * nIn;
                for (int i = 0; i < nIn; i++) {
                    gradient[w + i] += in[x + i] * d;
                }
                if (dIn != null) {
                    for (int i = 0; i < nIn; i++) {
                        dIn[x + i] += d * params[w + i];
                    }
                }
            }
        }
    }
}
