package org.metalearn.models.onednn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.metalearn.models.ConvLayout;
import org.metalearn.models.lean.Im2col;
import org.metalearn.models.lean.Sgemm;

/**
 * The kernel and bias gradients of a first block whose input has one channel (Omniglot's), as {@link Im2col} + one
 * OpenBLAS sgemm, for {@link OneDnnBlock}: oneDNN's AVX2 kernel-gradient code for a single input channel is several
 * times slower than this (docs/design/models.md#onednn-threads), while its other passes win.
 * The columns carry a tenth row of ones, so the same product also sums each filter's gradient into its bias's.
 */
final class SingleChannelKernelGradient {
    private static final int TAPS = ConvLayout.KERNEL * ConvLayout.KERNEL;

    private final int n;
    private final Im2col im2col;
    private final float[] padded;
    private final int filters;
    private final int positions;
    private final float[] colArray;
    private final FloatBuffer col;
    private final FloatBuffer result;
    private final float[] resultArray;

    SingleChannelKernelGradient(int n, int side, int outSide, int stride, int padBefore, int filters) {
        this.n = n;
        this.im2col = new Im2col(1, side, outSide, stride, padBefore);
        this.padded = new float[im2col.paddedSize(n)];
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
        im2col.columns(images, n, padded, colArray);
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
