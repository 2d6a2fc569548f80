package org.metalearn.models.lean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Im2colTest {
    private static float[] random(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    /** The definition, with bounds tests: column (i, ky, kx) at position (b, oy, ox) is input (i, b, y, x) or 0. */
    private static float[] naive(float[] x, int channels, int n, int side, int out, int stride, int pad) {
        int m = n * out * out;
        float[] col = new float[channels * 9 * m];
        for (int i = 0; i < channels; i++) {
            for (int ky = 0; ky < 3; ky++) {
                for (int kx = 0; kx < 3; kx++) {
                    for (int b = 0; b < n; b++) {
                        for (int oy = 0; oy < out; oy++) {
                            for (int ox = 0; ox < out; ox++) {
                                int y = oy * stride + ky - pad;
                                int xx = ox * stride + kx - pad;
                                boolean inside = y >= 0 && y < side && xx >= 0 && xx < side;
                                col[((i * 3 + ky) * 3 + kx) * m + (b * out + oy) * out + ox] =
                                        inside ? x[((i * n + b) * side + y) * side + xx] : 0f;
                            }
                        }
                    }
                }
            }
        }
        return col;
    }

    @ParameterizedTest
    @CsvSource({"1, 28, 14, 2, 0", "64, 14, 7, 2, 1", "64, 7, 4, 2, 1", "3, 84, 84, 1, 1", "32, 21, 21, 1, 1",
        "2, 5, 3, 2, 1"})
    void copiesExactlyWhatTheDefinitionSaysAndAddsBackAsItsAdjoint(int channels, int side, int out, int stride,
                                                                    int pad) {
        int n = 3;
        Im2col im2col = new Im2col(channels, side, out, stride, pad);
        float[] x = random(channels * n * side * side, side);
        float[] padded = new float[im2col.paddedSize(n)];
        float[] columns = new float[im2col.columnsSize(n)];
        im2col.columns(x, n, padded, columns);
        assertArrayEquals(naive(x, channels, n, side, out, stride, pad), columns);

        // the adjoint: <im2col(x), c> = <x, col2im(c)>
        float[] c = random(columns.length, side + 1);
        float[] back = new float[x.length];
        im2col.addBack(c, n, padded, back);
        double left = 0;
        for (int i = 0; i < c.length; i++) {
            left += (double) columns[i] * c[i];
        }
        double right = 0;
        for (int i = 0; i < x.length; i++) {
            right += (double) x[i] * back[i];
        }
        assertEquals(left, right, 1e-4 * Math.max(1, Math.abs(left)));
    }

    @ParameterizedTest
    @CsvSource({"-1", "2"})
    void refusesPaddingA3x3SameConvolutionNeverHas(int pad) {
        assertEquals("padBefore must be 0 or 1 (a 3x3 'same' convolution), got " + pad,
                assertThrows(IllegalArgumentException.class, () -> new Im2col(1, 28, 14, 2, pad)).getMessage());
    }
}
