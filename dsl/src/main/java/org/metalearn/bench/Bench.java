package org.metalearn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.metalearn.learn.InnerSettings;
import org.metalearn.learn.Reptile;
import org.metalearn.learn.Sgd;
import org.metalearn.models.Activation;
import org.metalearn.models.Learner;
import org.metalearn.models.SineMlp;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.SineTasks;
import org.metalearn.tasks.Task;
import org.metalearn.util.RandomStreams;

/**
 * The speed benchmark: our timings (median, min, max over repeated samples after warm-up) next to the
 * PyTorch peer's for the same operations, with the ratio peer/ours (above 1 = we are faster).
 * usage: bench [sine|conv|all] [--samples N] [--no-peer]
 */
public final class Bench {
    private Bench() {
    }

    /** One compared line: our timing and the peer's name for the same operation. */
    record Row(Timing ours, String peerName) {
    }

    public static void main(String[] args) {
        String mode = "all";
        int samples = 7;
        boolean peer = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "sine", "conv", "all" -> mode = args[i];
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--no-peer" -> peer = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: bench [sine|conv|all] [--samples N] [--no-peer])");
            }
        }
        if (samples < 3) {
            throw new IllegalArgumentException("--samples must be >= 3, got " + samples);
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        List<Row> rows = new ArrayList<>();
        if (!mode.equals("conv")) {
            rows.addAll(sine(samples));
        }
        if (!mode.equals("sine")) {
            rows.addAll(conv(samples));
        }
        Map<String, Timing> torch = new java.util.HashMap<>();
        if (peer) {
            if (!mode.equals("conv")) {
                torch.putAll(PeerBenchmark.run("mlp", 1, 1000));
            }
            if (!mode.equals("sine")) {
                torch.putAll(PeerBenchmark.run("conv", Runtime.getRuntime().availableProcessors(), 60));
            }
        }
        print(rows, torch);
        rows.stream().filter(r -> r.ours().name().startsWith("conv Reptile meta-iteration")).findFirst()
                .ifPresent(r -> System.out.printf(Locale.ROOT, "%nconv meta-iteration: %.1f GFLOP/s (%.2f GFLOP each, median)%n",
                        GFLOP_PER_META_ITERATION / (r.ours().median() / 1000), GFLOP_PER_META_ITERATION));
    }

    /** Forward + backward FLOPs of 25 batch-10 steps of the 5-way Omniglot net (issue 4's figure). */
    static final double GFLOP_PER_META_ITERATION = 3.93;

    static List<Row> conv(int samples) {
        org.metalearn.models.Learner net = org.metalearn.models.OmniglotNet.factory(5)
                .create(RandomStreams.of(0, RandomStreams.Role.INIT));
        var rng = RandomStreams.of(2, RandomStreams.Role.TASKS);
        Batch[] batches = new Batch[25];
        for (int b = 0; b < batches.length; b++) {
            float[] x = new float[10 * 784];
            float[] y = new float[10 * 5];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextDouble() < 0.2 ? 0f : 1f;
            }
            for (int r = 0; r < 10; r++) {
                y[r * 5 + rng.nextInt(5)] = 1f;
            }
            batches[b] = new Batch(x, y, 10);
        }
        org.metalearn.learn.Adam adam = new org.metalearn.learn.Adam(1e-3);
        float[] theta = net.parameters();
        float[] phi = theta.clone();
        float[] grad = new float[theta.length];
        int[] k = {0};
        Timing step = Timing.measure("conv inner step (batch 10, Adam)", 10, samples, 10, () -> {
            net.setParameters(phi);
            net.lossAndGradient(batches[k[0]++ % 25], grad);
            adam.step(phi, grad);
        });
        float[] sum = new float[theta.length];
        Timing meta = Timing.measure("conv Reptile meta-iteration (5x5 steps)", 1, samples, 1, () -> {
            java.util.Arrays.fill(sum, 0f);
            for (int t = 0; t < 5; t++) {
                System.arraycopy(theta, 0, phi, 0, theta.length);
                for (int s = 0; s < 5; s++) {
                    net.setParameters(phi);
                    net.lossAndGradient(batches[t * 5 + s], grad);
                    adam.step(phi, grad);
                }
                for (int p = 0; p < theta.length; p++) {
                    sum[p] += phi[p] - theta[p];
                }
            }
            for (int p = 0; p < theta.length; p++) {
                theta[p] += 0.5f * sum[p] / 5;
            }
        });
        float[] in26 = java.util.Arrays.copyOf(batches[0].inputs(), 26 * 784);
        Timing forward = Timing.measure("conv forward 26 images (batch statistics)", 10, samples, 10,
                () -> net.predict(in26, 26));
        return List.of(new Row(step, "conv inner step (fit batch10)"),
                new Row(meta, "conv Reptile meta-iteration (5x5 steps + interp)"),
                new Row(forward, "conv forward 26 imgs (train-mode BN)"));
    }

    static List<Row> sine(int samples) {
        Learner net = SineMlp.lean(Activation.TANH).create(RandomStreams.of(0, RandomStreams.Role.INIT));
        SineTasks sine = new SineTasks();
        Task task = sine.sample(RandomStreams.of(0, RandomStreams.Role.TASKS));
        Batch batch = task.batch(new int[] {0, 5, 10, 15, 20, 25, 30, 35, 40, 45});
        float[] params = net.parameters();
        float[] grad = new float[params.length];
        Sgd sgd = new Sgd(0.02);
        Timing step = Timing.measure("sine MLP SGD step (batch 10)", 20_000, samples, 5_000, () -> {
            net.setParameters(params);
            net.lossAndGradient(batch, grad);
            sgd.step(params, grad);
        });
        float[] theta = net.parameters();
        float[] delta = new float[theta.length];
        var taskRng = RandomStreams.of(1, RandomStreams.Role.TASKS);
        var batchRng = RandomStreams.of(1, RandomStreams.Role.BATCHES);
        Reptile reptile = new Reptile();
        InnerSettings inner = new InnerSettings(5, 10, false);
        Timing outer = Timing.measure("sine outer iteration (task + 5 steps + interp)", 2_000, samples, 1_000, () -> {
            reptile.contribution(net, sgd, theta, sine.sample(taskRng), inner, batchRng, delta);
            for (int p = 0; p < theta.length; p++) {
                theta[p] += 0.1f * delta[p];
            }
        });
        float[] grid = sine.grid();
        Timing forward = Timing.measure("sine MLP forward 50 points", 20_000, samples, 5_000,
                () -> net.predict(grid, grid.length));
        return List.of(new Row(step, "mlp SGD step (fit batch10)"),
                new Row(outer, "mlp outer iteration (5 steps + interp)"), new Row(forward, "mlp forward 50 pts"));
    }

    static void print(List<Row> rows, Map<String, Timing> torch) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-48s %12s %12s %12s %12s%n", "operation", "ours ms", "min..max", "torch ms",
                "torch/ours");
        for (Row r : rows) {
            Timing t = torch.get(r.peerName());
            System.out.printf(Locale.ROOT, "%-48s %12.4f %5.3f..%-6.3f %12s %12s%n", r.ours().name(), r.ours().median(),
                    r.ours().min(), r.ours().max(), t == null ? "-" : String.format(Locale.ROOT, "%.4f", t.median()),
                    t == null ? "-" : String.format(Locale.ROOT, "%.2fx", t.median() / r.ours().median()));
        }
    }
}
