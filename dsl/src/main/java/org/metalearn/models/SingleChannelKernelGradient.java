package org.metalearn.models;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The kernel and bias gradients of a first block whose input has one channel (Omniglot's), as im2col + one OpenBLAS
 * sgemm, for {@link OneDnnBlock}: oneDNN's AVX2 kernel-gradient code for a single input channel measured ~4x slower
 * than this (ConvKernels, block 0: 0.23 vs 0.058 ms at 5 images, 0.39 vs 0.12 at 10), while its other passes win.
 * The columns carry a tenth row of ones, so the same product also sums each filter's gradient into its bias's.
 */
final class SingleChannelKernelGradient {
    private static final int TAPS = ConvLayout.KERNEL * ConvLayout.KERNEL;

    private final int n;
    private final int side;
    private final int out;
    private final int stride;
    private final int pad;
    private final int filters;
    private final int positions;
    private final float[] colArray;
    private final FloatBuffer col;
    private final FloatBuffer result;
    private final float[] resultArray;

    SingleChannelKernelGradient(int n, int side, int outSide, int stride, int padBefore, int filters) {
        this.n = n;
        this.side = side;
        this.out = outSide;
        this.stride = stride;
        this.pad = padBefore;
        this.filters = filters;
        positions = n * outSide * outSide;
        colArray = new float[(TAPS + 1) * positions];
        col = Sgemm.direct(colArray.length);
        result = Sgemm.direct(filters * (TAPS + 1));
        resultArray = new float[filters * (TAPS + 1)];
    }

    /**
     * Writes the kernel gradient ([filter][ky][kx]) at {@code kernelOffset} and the bias gradient at
     * {@code biasOffset} of {@code gradient}, from the block's input {@code images} ([image][row][column]) and the
     * gradient w.r.t. its convolution output {@code dz} ([filter][image][row][column], direct).
     */
    void compute(float[] images, FloatBuffer dz, float[] gradient, int kernelOffset, int biasOffset) {
        for (int ky = 0; ky < ConvLayout.KERNEL; ky++) {
            for (int kx = 0; kx < ConvLayout.KERNEL; kx++) {
                int row = (ky * ConvLayout.KERNEL + kx) * positions;
                for (int b = 0; b < n; b++) {
                    for (int oy = 0; oy < out; oy++) {
                        int y = oy * stride + ky - pad;
                        int at = row + (b * out + oy) * out;
                        for (int ox = 0; ox < out; ox++) {
                            int x = ox * stride + kx - pad;
                            boolean inside = y >= 0 && y < side && x >= 0 && x < side;
                            colArray[at + ox] = inside ? images[(b * side + y) * side + x] : 0f;
                        }
                    }
                }
            }
        }
        Arrays.fill(colArray, TAPS * positions, (TAPS + 1) * positions, 1f);
        col.put(0, colArray);
        Sgemm.gemm(false, true, filters, TAPS + 1, positions, dz, col, result);
        result.get(0, resultArray);
        for (int f = 0; f < filters; f++) {
            System.arraycopy(resultArray, f * (TAPS + 1), gradient, kernelOffset + f * TAPS, TAPS);
            gradient[biasOffset + f] = resultArray[f * (TAPS + 1) + TAPS];
        }
    }
}
