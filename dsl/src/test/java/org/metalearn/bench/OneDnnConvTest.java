package org.metalearn.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.metalearn.util.RandomStreams;
import org.metalearn.models.ConvLayout;
import org.metalearn.models.MiniImageNetNet;
import org.metalearn.models.OmniglotNet;
import org.metalearn.models.lean.LeanConvNet;
import org.metalearn.models.onednn.OneDnnRuntime;

/**
 * oneDNN's convolution against {@link LeanConvNet}'s im2col + sgemm path on every layer shape of the two paper nets:
 * forward output, input gradient, kernel gradient (and the bias gradient against a plain sum).
 *
 * <p>Tolerance: both sides sum the same float32 products in different orders, so they differ by rounding only. For
 * a sum of K products either order errs by at most ~K * 2^-24 of the sum of |products|, in practice ~sqrt(K) *
 * 2^-24; with random signs the largest |value| is of the order of that sum over sqrt(K). K is at most 576 for the
 * forward and input-gradient sums (measured differences <= 1.1e-6 of the largest value at batch 26) and n x H x W
 * for the kernel gradient: measured <= 2.5e-6 on the Omniglot layers at batch 26, but 1.3e-5 on the first
 * Mini-ImageNet layer at batch 26 (sums of 183,456 products), hence batch 2 for that net here. 1e-5 of the largest
 * |value| covers these; a layout error (a transposed kernel, swapped axes) moves values by ~100% of the magnitude,
 * which {@link #detectsATransposedKernel} checks the comparison sees.
 */
class OneDnnConvTest {
    private static final double TOLERANCE = 1e-5;

    private static ConvLayout layout(String net) {
        return net.equals("omniglot") ? OmniglotNet.layout(5) : MiniImageNetNet.layout(5);
    }

    private static LeanConvNet net(ConvLayout layout, long seed) {
        return LeanConvNet.create(layout, 1e-3f, RandomStreams.of(seed, RandomStreams.Role.INIT));
    }


    static OneDnnShape shape(ConvLayout layout, int l, int n, OneDnnShape.Layout activations) {
        return new OneDnnShape(n, layout.channels(l), layout.side(l), layout.filters(), ConvLayout.KERNEL,
                layout.stride(), layout.pad(l), activations);
    }

    /** Max |a - b| over the largest |b|. */
    private static double relativeError(float[] a, float[] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < b.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / scale;
    }

    /** [C][N][H][W] to [N][C][H][W] (or back, with the two counts swapped). */
    private static float[] swapOuter(float[] a, int outer, int inner, int plane) {
        float[] b = new float[a.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                System.arraycopy(a, (o * inner + i) * plane, b, (i * outer + o) * plane, plane);
            }
        }
        return b;
    }

    /** The im2col path's results for block l: forward, input gradient, kernel gradient. */
    private record Reference(float[] kernel, float[] x, float[] dz, float[] y, float[] dx, float[] dk) {
        static Reference of(ConvLayout layout, int l, int n, long seed) {
            LeanConvNet net = net(layout, seed);
            float[] kernel = Arrays.copyOfRange(net.parameters(), layout.kernelOffset(l),
                    layout.kernelOffset(l) + layout.kernelSize(l));
            float[] x = ConvKernels.uniform(n * layout.channels(l) * layout.side(l) * layout.side(l), seed + 1);
            float[] dz = ConvKernels.uniform(n * layout.filters() * layout.convSide(l) * layout.convSide(l), seed + 2);
            float[] y = net.convolve(l, x, n).clone();
            float[] dx = new float[x.length];
            float[] dk = net.convolveBackward(l, n, dz, dx).clone();
            return new Reference(kernel, x, dz, y, dx, dk);
        }
    }

    @ParameterizedTest(name = "{0} block {1}, batch {2}")
    @CsvSource({"omniglot,0,5", "omniglot,1,5", "omniglot,2,5", "omniglot,3,5",
        "miniimagenet,0,2", "miniimagenet,1,2", "miniimagenet,2,2", "miniimagenet,3,2"})
    void matchesTheIm2colPath(String netName, int l, int n) {
        ConvLayout layout = layout(netName);
        Reference ref = Reference.of(layout, l, n, 100 + l);
        int filters = layout.filters();
        int channels = layout.channels(l);
        int plane = layout.convSide(l) * layout.convSide(l);
        int inPlane = layout.side(l) * layout.side(l);
        float[] bias = ConvKernels.uniform(filters, 7);
        float[] biased = ref.y.clone(); // y + b, channel-major
        float[] sums = new float[filters]; // the bias gradient: dz summed per channel
        for (int c = 0; c < filters; c++) {
            double s = 0;
            for (int i = c * n * plane; i < (c + 1) * n * plane; i++) {
                biased[i] += bias[c];
                s += ref.dz[i];
            }
            sums[c] = (float) s;
        }
        // the reference code oneDNN runs on channel-major arrays is slow: checked on the small Omniglot maps only
        List<OneDnnShape.Layout> layouts = netName.equals("omniglot") ? List.of(OneDnnShape.Layout.values())
                : List.of(OneDnnShape.Layout.NCHW, OneDnnShape.Layout.BLOCKED, OneDnnShape.Layout.BLOCKED_CNHW);
        for (OneDnnShape.Layout activations : layouts) {
            boolean channelMajor = activations.channelMajor();
            float[] x = channelMajor ? ref.x : swapOuter(ref.x, channels, n, inPlane);
            float[] dz = channelMajor ? ref.dz : swapOuter(ref.dz, filters, n, plane);
            float[] y = new float[ref.y.length];
            float[] dx = new float[ref.dx.length];
            float[] dk = new float[ref.dk.length];
            float[] db = new float[filters];
            try (OneDnnConv conv = new OneDnnConv(shape(layout, l, n, activations))) {
                conv.forward(x, ref.kernel, bias, y);
                conv.backwardData(dz, ref.kernel, dx);
                conv.backwardWeights(x, dz, dk, db);
            }
            if (!channelMajor) {
                y = swapOuter(y, n, filters, plane);
                dx = swapOuter(dx, n, channels, inPlane);
            }
            assertTrue(relativeError(y, biased) < TOLERANCE, activations + " forward " + relativeError(y, biased));
            assertTrue(relativeError(dx, ref.dx) < TOLERANCE,
                    activations + " backward data " + relativeError(dx, ref.dx));
            assertTrue(relativeError(dk, ref.dk) < TOLERANCE,
                    activations + " backward weights " + relativeError(dk, ref.dk));
            assertTrue(relativeError(db, sums) < TOLERANCE, activations + " bias " + relativeError(db, sums));
        }
    }

    @Test
    void detectsATransposedKernel() {
        ConvLayout layout = layout("omniglot");
        int l = 2;
        int n = 3;
        Reference ref = Reference.of(layout, l, n, 5);
        int c = layout.channels(l);
        int f = layout.filters();
        float[] transposed = new float[ref.kernel.length]; // [in][out][kh][kw] read as [out][in][kh][kw]
        float[] flipped = new float[ref.kernel.length]; // kh and kw swapped
        for (int o = 0; o < f; o++) {
            for (int i = 0; i < c; i++) {
                for (int t = 0; t < 9; t++) {
                    transposed[((i * f + o) * 9) + t] = ref.kernel[(o * c + i) * 9 + t];
                    flipped[(o * c + i) * 9 + (t % 3) * 3 + t / 3] = ref.kernel[(o * c + i) * 9 + t];
                }
            }
        }
        float[] x = swapOuter(ref.x, c, n, layout.side(l) * layout.side(l));
        float[] dz = swapOuter(ref.dz, f, n, layout.convSide(l) * layout.convSide(l));
        float[] y = new float[ref.y.length];
        float[] dx = new float[ref.dx.length];
        float[] dk = new float[ref.dk.length];
        float[] rightY = new float[ref.y.length];
        float[] rightDx = new float[ref.dx.length];
        for (OneDnnShape.Layout activations : List.of(OneDnnShape.Layout.NCHW, OneDnnShape.Layout.BLOCKED)) {
            try (OneDnnConv conv = new OneDnnConv(shape(layout, l, n, activations))) {
                conv.forward(x, ref.kernel, null, rightY);
                conv.backwardData(dz, ref.kernel, rightDx);
                conv.backwardWeights(x, dz, dk, null);
                assertTrue(relativeError(dk, ref.dk) < TOLERANCE, activations + " " + relativeError(dk, ref.dk));
                for (float[] wrong : new float[][] {transposed, flipped}) {
                    conv.forward(x, wrong, null, y);
                    assertTrue(relativeError(y, rightY) > 0.1, "forward " + relativeError(y, rightY));
                    conv.backwardData(dz, wrong, dx);
                    assertTrue(relativeError(dx, rightDx) > 0.1, "backward data " + relativeError(dx, rightDx));
                }
                // and a kernel gradient read with the wrong layout is far from the im2col one
                float[] dkTransposed = new float[dk.length];
                for (int o = 0; o < f; o++) {
                    for (int i = 0; i < c; i++) {
                        for (int t = 0; t < 9; t++) {
                            dkTransposed[((i * f + o) * 9) + t] = dk[(o * c + i) * 9 + t];
                        }
                    }
                }
                assertTrue(relativeError(dkTransposed, ref.dk) > 0.1,
                        "kernel gradient " + relativeError(dkTransposed, ref.dk));
            }
        }
    }

    @ParameterizedTest(name = "{0} block {1}, {2}")
    @CsvSource({"omniglot,0,BLOCKED_CNHW", "omniglot,1,BLOCKED_CNHW", "omniglot,3,BLOCKED_CNHW",
        "miniimagenet,0,BLOCKED_CNHW", "miniimagenet,2,BLOCKED_CNHW", "omniglot,2,BLOCKED", "omniglot,1,NCHW"})
    void repeatsBitForBit(String netName, int l, OneDnnShape.Layout activations) {
        ConvLayout layout = layout(netName);
        int n = 4;
        Reference ref = Reference.of(layout, l, n, 9); // channel-major; read as NCHW by the other layouts
        float[][] first = null;
        for (int run = 0; run < 3; run++) {
            // a fresh instance on the second run (new primitives), the same one reused on the third
            float[][] out = {new float[ref.y.length], new float[ref.dx.length], new float[ref.dk.length],
                new float[layout.filters()]};
            try (OneDnnConv conv = new OneDnnConv(shape(layout, l, n, activations))) {
                for (int repeat = 0; repeat <= run / 2; repeat++) {
                    conv.forward(ref.x, ref.kernel, null, out[0]);
                    conv.backwardData(ref.dz, ref.kernel, out[1]);
                    conv.backwardWeights(ref.x, ref.dz, out[2], out[3]);
                }
            }
            if (first == null) {
                first = out;
            } else {
                for (int i = 0; i < out.length; i++) {
                    assertArrayEquals(first[i], out[i], "output " + i + ", run " + run);
                }
            }
        }
    }

    @Test
    void describesTheBuild() {
        String description = OneDnnRuntime.describe();
        assertTrue(description.startsWith("oneDNN 2.5"), description);
    }
}
