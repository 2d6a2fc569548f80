package org.metalearn.models.lean;

import java.util.Arrays;
import org.metalearn.models.ConvLayout;

/**
 * 2x2 stride-2 max-pooling with TensorFlow's 'same' padding, on a stack of square maps stored one after another
 * ([map][row][column]), for {@link LeanConvNet}. Padded cells never win: a window at the edge of an odd-sided map
 * (21 -> 11) takes the max of the cells it covers. The forward pass remembers where each max came from so the
 * backward pass routes each gradient to that one cell, as TensorFlow and DL4J do.
 */
final class MaxPool {
    private MaxPool() {
    }

    /**
     * Pools {@code maps} maps of side {@code in} from {@code src} into {@code dst} (side {@code out}), writing the
     * index in {@code src} of each maximum to {@code from}. {@code padBefore} rows/columns of padding lie before the
     * map (the rest after it).
     */
    static void forward(float[] src, int maps, int in, int out, int padBefore, float[] dst, int[] from) {
        int o = 0;
        for (int map = 0; map < maps; map++) {
            int base = map * in * in;
            for (int oy = 0; oy < out; oy++) {
                int y0 = oy * ConvLayout.POOL - padBefore;
                boolean wholeRows = y0 >= 0 && y0 + 1 < in;
                for (int ox = 0; ox < out; ox++, o++) {
                    int x0 = ox * ConvLayout.POOL - padBefore;
                    if (wholeRows && x0 >= 0 && x0 + 1 < in) {
                        // the common case (every window of an even-sided map): four loads and three compares,
                        // no loop or bounds; ties go to the first cell in row-major order, as in window()
                        int p = base + y0 * in + x0;
                        int q = p + in;
                        float a = src[p];
                        float b = src[p + 1];
                        float c = src[q];
                        float d = src[q + 1];
                        float top = b > a ? b : a;
                        int topAt = b > a ? p + 1 : p;
                        float bottom = d > c ? d : c;
                        int bottomAt = d > c ? q + 1 : q;
                        dst[o] = bottom > top ? bottom : top;
                        from[o] = bottom > top ? bottomAt : topAt;
                    } else {
                        window(src, base, in, y0, x0, dst, from, o);
                    }
                }
            }
        }
    }

    /** A window that reaches into the padding: the max of the cells it covers. */
    private static void window(float[] src, int base, int in, int y0, int x0, float[] dst, int[] from, int o) {
        int yFrom = Math.max(y0, 0);
        int yTo = Math.min(y0 + ConvLayout.POOL, in);
        int xFrom = Math.max(x0, 0);
        int xTo = Math.min(x0 + ConvLayout.POOL, in);
        int best = base + yFrom * in + xFrom;
        float max = src[best];
        for (int y = yFrom; y < yTo; y++) {
            for (int x = xFrom; x < xTo; x++) {
                int i = base + y * in + x;
                if (src[i] > max) {
                    max = src[i];
                    best = i;
                }
            }
        }
        dst[o] = max;
        from[o] = best;
    }

    /** dSrc = 0 except at each remembered maximum, which gets its window's gradient (windows do not overlap). */
    static void backward(float[] dDst, int[] from, int count, float[] dSrc, int srcCount) {
        Arrays.fill(dSrc, 0, srcCount, 0f);
        for (int o = 0; o < count; o++) {
            dSrc[from[o]] += dDst[o];
        }
    }
}
