package org.metalearn.models.lean;

import java.util.Arrays;
import org.metalearn.models.ConvLayout;

/**
 * The im2col copy of a 3x3 'same' convolution's input and its adjoint (col2im): the one implementation both backends
 * use where a convolution runs as an OpenBLAS product ({@link LeanConvNet}'s every block, the oneDNN net's one-channel
 * kernel gradient). Columns are [tap][position]: row (i, ky, kx) holds input channel i shifted by (ky, kx) at every
 * output position, positions ordered [image][row][column]; the input is channel-major ([channel][image][row][column]).
 *
 * <p>The input is first copied into a scratch buffer with a zero border of one pixel (TensorFlow 'same' pads at most
 * one pixel a side for a 3x3 kernel), so the loops need no bounds tests: nine taps innermost for a stride, one
 * {@code arraycopy} per tap and output row at stride 1 (docs/design/models.md#im2col has the measurements).
 */
public final class Im2col {
    private static final int KERNEL = ConvLayout.KERNEL;

    private final int channels;
    private final int side;
    private final int out;
    private final int stride;
    private final int shift; // 1 - the padding before: where output (0, 0)'s window starts in the padded input

    /** A convolution of {@code channels} square maps of {@code side}, output side {@code outSide}. */
    public Im2col(int channels, int side, int outSide, int stride, int padBefore) {
        if (padBefore < 0 || padBefore > 1) {
            throw new IllegalArgumentException("padBefore must be 0 or 1 (a 3x3 'same' convolution), got " + padBefore);
        }
        this.channels = channels;
        this.side = side;
        this.out = outSide;
        this.stride = stride;
        this.shift = 1 - padBefore;
    }

    /** Block {@code l}'s convolution of {@code layout}. */
    public static Im2col of(ConvLayout layout, int l) {
        return new Im2col(layout.channels(l), layout.side(l), layout.convSide(l), layout.stride(), layout.pad(l));
    }

    /** Values of the padded scratch buffer for {@code n} images. */
    public int paddedSize(int n) {
        return channels * n * (side + 2) * (side + 2);
    }

    /** Values of the columns for {@code n} images. */
    public int columnsSize(int n) {
        return channels * KERNEL * KERNEL * n * out * out;
    }

    /** Writes the columns of {@code n} images in {@code source} into {@code columns}, through {@code padded}. */
    public void columns(float[] source, int n, float[] padded, float[] columns) {
        int wide = side + 2;
        int images = channels * n;
        Arrays.fill(padded, 0, images * wide * wide, 0f);
        for (int image = 0; image < images; image++) {
            for (int y = 0; y < side; y++) {
                System.arraycopy(source, (image * side + y) * side, padded, (image * wide + y + 1) * wide + 1, side);
            }
        }
        if (stride == 1) {
            stride1(n, padded, columns, false);
        } else {
            strided(n, padded, columns, false);
        }
    }

    /** The adjoint of {@link #columns}: adds each column value back onto its input value, into {@code target}. */
    public void addBack(float[] columns, int n, float[] padded, float[] target) {
        int wide = side + 2;
        int images = channels * n;
        Arrays.fill(padded, 0, images * wide * wide, 0f);
        if (stride == 1) {
            stride1(n, padded, columns, true);
        } else {
            strided(n, padded, columns, true);
        }
        for (int image = 0; image < images; image++) {
            for (int y = 0; y < side; y++) {
                System.arraycopy(padded, (image * wide + y + 1) * wide + 1, target, (image * side + y) * side, side);
            }
        }
    }

    /** Any stride: the nine taps of an output position innermost, copied out of or ({@code back}) added into. */
    private void strided(int n, float[] padded, float[] columns, boolean back) {
        int wide = side + 2;
        int m = n * out * out;
        int[] tap = {0, 1, 2, wide, wide + 1, wide + 2, 2 * wide, 2 * wide + 1, 2 * wide + 2};
        for (int i = 0; i < channels; i++) {
            int rows = i * KERNEL * KERNEL * m;
            for (int b = 0; b < n; b++) {
                int image = (i * n + b) * wide * wide;
                for (int oy = 0; oy < out; oy++) {
                    int top = image + (oy * stride + shift) * wide + shift;
                    int position = (b * out + oy) * out;
                    for (int ox = 0; ox < out; ox++, position++) {
                        int s = top + ox * stride;
                        int d = rows + position;
                        if (back) {
                            for (int k = 0; k < tap.length; k++) {
                                padded[s + tap[k]] += columns[d + k * m];
                            }
                        } else {
                            for (int k = 0; k < tap.length; k++) {
                                columns[d + k * m] = padded[s + tap[k]];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Stride 1: each tap's run over an output row is a contiguous run of the padded input row, so the copy is one
     * {@code arraycopy} and the adjoint one added run ({@code back}).
     */
    private void stride1(int n, float[] padded, float[] columns, boolean back) {
        int wide = side + 2;
        int m = n * out * out;
        for (int i = 0; i < channels; i++) {
            for (int ky = 0; ky < KERNEL; ky++) {
                for (int kx = 0; kx < KERNEL; kx++) {
                    int row = ((i * KERNEL + ky) * KERNEL + kx) * m;
                    for (int b = 0; b < n; b++) {
                        int image = (i * n + b) * wide * wide;
                        for (int oy = 0; oy < out; oy++) {
                            int t = image + (oy + ky + shift) * wide + kx + shift;
                            int d = row + (b * out + oy) * out;
                            if (back) {
                                for (int x = 0; x < out; x++) {
                                    padded[t + x] += columns[d + x];
                                }
                            } else {
                                System.arraycopy(padded, t, columns, d, out);
                            }
                        }
                    }
                }
            }
        }
    }
}
