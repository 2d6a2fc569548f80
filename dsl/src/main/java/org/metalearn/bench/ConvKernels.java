package org.metalearn.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.metalearn.models.ConvLayout;
import org.metalearn.models.Learner;
import org.metalearn.models.LearnerFactory;
import org.metalearn.models.MiniImageNetNet;
import org.metalearn.models.OmniglotNet;
import org.metalearn.models.lean.LeanConvNet;
import org.metalearn.models.onednn.OneDnnRuntime;
import org.metalearn.tasks.Batch;
import org.metalearn.util.RandomStreams;

/**
 * Micro-benchmark of one conv layer at a time: {@link LeanConvNet}'s im2col + OpenBLAS sgemm against oneDNN
 * ({@link OneDnnConv}): in NCHW (oneDNN's gemm:jit), and with oneDNN choosing its own blocked layouts behind
 * reorders from NCHW or from LeanConvNet's channel-major arrays (its direct jit:avx2 kernels; oneDNN on plain
 * channel-major arrays gets only its reference code, not timed), on every block of the paper nets at the batch
 * sizes the presets use. Forward is the convolution; backward is the kernel gradient plus, after the first
 * block, the input gradient (the first block's input gradient is never needed). Single-threaded (OpenBLAS and
 * OpenMP at one thread, as in training). Per call: min / median / max over the repetitions, in ms, where a
 * repetition times enough calls to last ~20 ms.
 *
 * <p>Then whole training steps (loss and gradient) of {@code lean} against {@code oneDnn}.
 *
 * <p>Usage: {@code ConvKernels [repetitions [steps]]} (default 7; {@code steps}: the whole steps only).
 */
public final class ConvKernels {
    private ConvKernels() {
    }

    private interface Kernel {
        void run();
    }

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        System.out.println(OneDnnRuntime.describe());
        System.out.printf(Locale.ROOT, "%-13s %5s %11s %3s %-8s %26s %26s %26s %26s   %s%n", "net", "block",
                "shape", "n", "pass", "im2col+sgemm min/med/max", "oneDNN NCHW min/med/max",
                "oneDNN blocked min/med/max", "blocked, CNHW in min/med/max",
                "oneDNN impl (NCHW | blocked: fwd, bwd-data, bwd-weights)");
        boolean stepsOnly = args.length > 1 && args[1].equals("steps");
        // warm-up: the JIT compiles LeanConvNet's loops and oneDNN creates its kernels and OpenMP state
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            steps("omniglot", OmniglotNet.lean(5), OmniglotNet.oneDnn(5), new int[] {5, 26}, 784, 1);
            steps("miniimagenet", MiniImageNetNet.lean(5), MiniImageNetNet.oneDnn(5), new int[] {10}, 84 * 84 * 3,
                    1);
        } finally {
            System.setOut(out);
        }
        if (!stepsOnly) {
            run("omniglot", OmniglotNet.layout(5), new int[] {5, 10, 25, 26}, repetitions);
            run("miniimagenet", MiniImageNetNet.layout(5), new int[] {10, 26}, repetitions);
        }
        System.out.printf(Locale.ROOT, "%nwhole training step (loss and gradient), ms%n%-13s %3s %26s %26s%n", "net",
                "n", "lean min/med/max", "onednn min/med/max");
        steps("omniglot", OmniglotNet.lean(5), OmniglotNet.oneDnn(5), new int[] {5, 10, 25, 26}, 784,
                repetitions);
        steps("miniimagenet", MiniImageNetNet.lean(5), MiniImageNetNet.oneDnn(5), new int[] {10, 26},
                84 * 84 * 3, repetitions);
    }

    private static void steps(String name, LearnerFactory lean, LearnerFactory oneDnn, int[] batches, int pixels,
                              int repetitions) {
        for (int n : batches) {
            float[] x = uniform(n * pixels, n);
            float[] y = new float[n * 5];
            for (int i = 0; i < n; i++) {
                y[i * 5 + i % 5] = 1;
            }
            Batch batch = new Batch(x, y, n);
            Learner a = lean.create(RandomStreams.of(1, RandomStreams.Role.INIT));
            Learner b = oneDnn.create(RandomStreams.of(1, RandomStreams.Role.INIT));
            float[] g = new float[a.parameterCount()];
            double[] ta = time(() -> a.lossAndGradient(batch, g), repetitions);
            double[] tb = time(() -> b.lossAndGradient(batch, g), repetitions);
            System.out.printf(Locale.ROOT, "%-13s %3d %26s %26s%n", name, n, format(ta), format(tb));
        }
    }

    private static void run(String name, ConvLayout layout, int[] batches, int repetitions) {
        for (int n : batches) {
            LeanConvNet net = LeanConvNet.create(layout, 1e-3f, RandomStreams.of(1, RandomStreams.Role.INIT));
            float[] params = net.parameters();
            for (int l = 0; l < layout.blocks(); l++) {
                int block = l;
                float[] kernel = Arrays.copyOfRange(params, layout.kernelOffset(l),
                        layout.kernelOffset(l) + layout.kernelSize(l));
                float[] x = uniform(n * layout.channels(l) * layout.side(l) * layout.side(l), l);
                float[] dz = uniform(n * layout.filters() * layout.convSide(l) * layout.convSide(l), l + 10);
                float[] dx = l > 0 ? new float[x.length] : null;
                float[] y = new float[dz.length];
                float[] dk = new float[kernel.length];
                float[] db = new float[layout.filters()];
                OneDnnConv blocked = new OneDnnConv(new OneDnnShape(n, layout.channels(l), layout.side(l),
                        layout.filters(), ConvLayout.KERNEL, layout.stride(), layout.pad(l), OneDnnShape.Layout.BLOCKED));
                OneDnnConv blockedCnhw = new OneDnnConv(new OneDnnShape(n, layout.channels(l), layout.side(l),
                        layout.filters(), ConvLayout.KERNEL, layout.stride(), layout.pad(l),
                        OneDnnShape.Layout.BLOCKED_CNHW));
                OneDnnConv nchw = new OneDnnConv(new OneDnnShape(n, layout.channels(l), layout.side(l),
                        layout.filters(), ConvLayout.KERNEL, layout.stride(), layout.pad(l), OneDnnShape.Layout.NCHW));
                double[] leanForward = time(() -> net.convolve(block, x, n), repetitions);
                // reuses the columns the forward timing left (same block and batch), as training does
                double[] leanBackward = time(() -> net.convolveBackward(block, n, dz, dx), repetitions);
                double[] blockedForward = time(() -> blocked.forward(x, kernel, null, y), repetitions);
                double[] blockedBackward = time(() -> backward(blocked, x, kernel, dz, dx, dk, db), repetitions);
                double[] blockedCnhwForward = time(() -> blockedCnhw.forward(x, kernel, null, y), repetitions);
                double[] blockedCnhwBackward = time(() -> backward(blockedCnhw, x, kernel, dz, dx, dk, db),
                        repetitions);
                double[] nchwForward = time(() -> nchw.forward(x, kernel, null, y), repetitions);
                double[] nchwBackward = time(() -> backward(nchw, x, kernel, dz, dx, dk, db), repetitions);
                String shape = layout.channels(l) + ">" + layout.filters() + "@" + layout.side(l) + "/s"
                        + layout.stride();
                String impl = String.join(", ", nchw.implementations()) + " | "
                        + String.join(", ", blocked.implementations());
                print(name, l, shape, n, "forward", leanForward, nchwForward, blockedForward, blockedCnhwForward, impl);
                print(name, l, shape, n, "backward", leanBackward, nchwBackward, blockedBackward, blockedCnhwBackward,
                        "");
                blocked.close();
                blockedCnhw.close();
                nchw.close();
            }
        }
    }

    private static void backward(OneDnnConv conv, float[] x, float[] kernel, float[] dz, float[] dx, float[] dk,
                                 float[] db) {
        conv.backwardWeights(x, dz, dk, db);
        if (dx != null) {
            conv.backwardData(dz, kernel, dx);
        }
    }

    private static void print(String net, int l, String shape, int n, String pass, double[] lean, double[] nchw,
                              double[] blocked, double[] blockedCnhw, String impl) {
        System.out.printf(Locale.ROOT, "%-13s %5d %11s %3d %-8s %26s %26s %26s %26s   %s%n", net, l, shape, n, pass,
                format(lean), format(nchw), format(blocked), format(blockedCnhw), impl);
    }

    private static String format(double[] t) {
        return String.format(Locale.ROOT, "%8.3f %8.3f %8.3f", t[0], t[1], t[2]);
    }

    /** min, median, max ms per call over the repetitions, after a warm-up that also sizes a repetition. */
    private static double[] time(Kernel kernel, int repetitions) {
        long start = System.nanoTime();
        int warm = 0;
        while (System.nanoTime() - start < 500_000_000L || warm < 5) {
            kernel.run();
            warm++;
        }
        double perCall = (System.nanoTime() - start) / (double) warm;
        int calls = (int) Math.max(1, Math.ceil(20e6 / perCall));
        List<Double> times = new ArrayList<>();
        for (int r = 0; r < repetitions; r++) {
            long t0 = System.nanoTime();
            for (int c = 0; c < calls; c++) {
                kernel.run();
            }
            times.add((System.nanoTime() - t0) / 1e6 / calls);
        }
        times.sort(null);
        return new double[] {times.get(0), times.get(times.size() / 2), times.get(times.size() - 1)};
    }

    /** {@code size} values uniform in [-1, 1) from {@code seed} (also the oneDNN tests' random data). */
    public static float[] uniform(int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = new float[size];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return a;
    }
}
