package org.metalearn.models;

import java.util.Arrays;

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
                int y0 = Math.max(oy * ConvLayout.POOL - padBefore, 0);
                int y1 = Math.min(oy * ConvLayout.POOL - padBefore + ConvLayout.POOL, in);
                for (int ox = 0; ox < out; ox++, o++) {
                    int x0 = Math.max(ox * ConvLayout.POOL - padBefore, 0);
                    int x1 = Math.min(ox * ConvLayout.POOL - padBefore + ConvLayout.POOL, in);
                    int best = base + y0 * in + x0;
                    float max = src[best];
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
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
            }
        }
    }

    /** dSrc = 0 except at each remembered maximum, which gets its window's gradient (windows do not overlap). */
    static void backward(float[] dDst, int[] from, int count, float[] dSrc, int srcCount) {
        Arrays.fill(dSrc, 0, srcCount, 0f);
        for (int o = 0; o < count; o++) {
            dSrc[from[o]] += dDst[o];
        }
    }
}
