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
 * usage: bench [sine|all] [--samples N] [--no-peer]
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
                case "sine", "all" -> mode = args[i];
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--no-peer" -> peer = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: bench [sine|all] [--samples N] [--no-peer])");
            }
        }
        if (samples < 3) {
            throw new IllegalArgumentException("--samples must be >= 3, got " + samples);
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        List<Row> rows = new ArrayList<>(sine(samples));
        Map<String, Timing> torch = peer ? PeerBenchmark.run("mlp", 1, 1000) : Map.of();
        print(rows, torch);
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
