package org.metalearn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.metalearn.learn.InnerSettings;
import org.metalearn.learn.Reptile;
import org.metalearn.learn.Sgd;
import org.metalearn.models.Activation;
import org.metalearn.models.Convolutions;
import org.metalearn.models.Learner;
import org.metalearn.models.SineMlp;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.SineTasks;
import org.metalearn.tasks.Task;
import org.metalearn.util.CommandLine;
import org.metalearn.util.CommandLine.UsageException;
import org.metalearn.util.RandomStreams;

/**
 * The speed benchmark: our timings (median, min, max over repeated samples after warm-up) next to the
 * PyTorch peer's for the same operations, with the ratio peer/ours (above 1 = we are faster).
 * usage: bench [sine|conv|mini|sweep|all] [--samples N] [--no-peer]; bench memory [--iterations N] (RSS over a long
 * run); the conv lines (Omniglot, {@code conv}; Mini-ImageNet, {@code mini}, see {@link MiniImageNetBench}) also
 * print GFLOP/s ({@link Flops}) as a percentage of the measured sgemm peak ({@link Peak}); {@code sweep} times
 * a 4-run sweep on 1 and 2 workers ({@link SweepScalingBench}); {@code search} compares halving with the full grid
 * on an Omniglot search space ({@link SearchBench}); {@code conv} ends with its meta-iteration and
 * evaluation task, {@code mini} with its meta-iteration, timed alternately with the peer's, sample by sample, and
 * the ratio per pair ({@link PairedRatio});
 * either with {@code --openblas-coretype NAME}, which the {@code metalearn} launcher turns into OPENBLAS_CORETYPE for
 * this run (see {@link OpenBlasKernels}). The first lines say which OpenBLAS kernels actually ran.
 */
public final class Bench {
    private Bench() {
    }

    static final String USAGE = "usage: bench [sine|conv|mini|sweep|all] [--samples N] [--no-peer]"
            + " [--convolutions im2col|onednn|both] [--openblas-coretype NAME]"
            + " | bench memory [--iterations N] [--openblas-coretype NAME] | " + SearchBench.USAGE.substring(7);

    /**
     * One compared line: our timing, the peer's name for the same operation, and the operation's GFLOP (0: not
     * counted) on how many cores, which decides the peak its GFLOP/s is compared with.
     */
    record Row(Timing ours, String peerName, double gflop, int cores) {
        Row(Timing ours, String peerName) {
            this(ours, peerName, 0, 1);
        }
    }

    public static void main(String[] args) throws Exception {
        CommandLine.main("bench", args, Bench::run);
    }

    /** The command {@code ./metalearn bench}; a bad option is a {@link UsageException}. */
    static void run(String[] args) {
        if (args.length > 0 && args[0].equals("search")) { // a long, resumable run with options of its own
            SearchBench.run(args);
            return;
        }
        String mode = "all";
        int samples = 7;
        Integer sweepRepeats = null; // the sweep line's own default (3 repetitions, each minutes), unless --samples
        boolean peer = true;
        long iterations = 10_000;
        String coretype = null;
        List<Convolutions> choices = convolutions("both");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "sine", "conv", "mini", "sweep", "all", "memory" -> mode = args[i];
                case "--samples" -> sweepRepeats = samples = (int) CommandLine.whole(args, ++i, "--samples", 3, 1000);
                case "--convolutions" -> choices = convolutions(CommandLine.value(args, ++i, "--convolutions"));
                case "--iterations" -> iterations = CommandLine.whole(args, ++i, "--iterations", 1000, 100_000_000);
                case "--no-peer" -> peer = false;
                case "--openblas-coretype" -> coretype = CommandLine.value(args, ++i, "--openblas-coretype");
                default -> throw new UsageException("unknown option " + args[i] + " (" + USAGE + ")");
            }
        }
        if (coretype != null) {
            String requested = coretype;
            CommandLine.check(() -> OpenBlasKernels.checkRequest(requested, System.getenv(), OpenBlasKernels.cpuFlags()));
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.println(OpenBlasKernels.describe());
        System.out.println(PeerBenchmark.describeOpenMp(System.getenv()));
        if (mode.equals("memory")) {
            MemoryProbe.run(iterations, 1000);
            return;
        }
        boolean all = mode.equals("all");
        int cores = Runtime.getRuntime().availableProcessors();
        Peak peak = null;
        if (all || mode.equals("conv") || mode.equals("mini")) {
            peak = Peak.measure(5);
            System.out.println(peak);
            System.out.println(SweepScalingBench.machine(java.nio.file.Path.of("/proc")));
        }
        List<Row> rows = new ArrayList<>();
        if (all || mode.equals("sine")) {
            rows.addAll(sine(samples));
        }
        if (all || mode.equals("conv")) {
            for (Convolutions choice : choices) {
                rows.addAll(OmniglotBench.rows(samples, choice));
            }
        }
        if (all || mode.equals("mini")) {
            for (Convolutions choice : choices) {
                rows.addAll(MiniImageNetBench.rows(samples, choice));
            }
        }
        Map<String, Timing> torch = new java.util.HashMap<>();
        if (peer) {
            if (all || mode.equals("sine")) {
                torch.putAll(PeerBenchmark.run("mlp", 1, 1000));
            }
            if (all || mode.equals("conv")) {
                torch.putAll(PeerBenchmark.run("conv", cores, 60));
                OmniglotBench.deriveEvalTask(torch);
            }
            if (all || mode.equals("mini")) {
                torch.putAll(PeerBenchmark.run("mini", cores, MiniImageNetBench.PEER_SAMPLES));
                MiniImageNetBench.deriveEvalTask(torch);
            }
        }
        if (!rows.isEmpty()) {
            print(rows, torch, peak);
        }
        if (peer && (all || mode.equals("conv") || mode.equals("mini"))) {
            System.out.println();
            for (Convolutions choice : choices) {
                if (all || mode.equals("conv")) {
                    PairedRatio.omniglotMetaIteration(choice, samples).ifPresent(System.out::println);
                    PairedRatio.omniglotEvalTask(choice, samples).ifPresent(System.out::println);
                }
                if (all || mode.equals("mini")) {
                    PairedRatio.miniMetaIteration(choice, samples).ifPresent(System.out::println);
                }
            }
        }
        if (all || mode.equals("sweep")) {
            SweepScalingBench.run(sweepRepeats == null ? SweepScalingBench.REPEATS : sweepRepeats);
        }
    }

    /** A line name tagged with its convolution choice, e.g. {@code conv inner step (batch 10, Adam) [oneDNN]}. */
    static String tag(Convolutions choice, String line) {
        return line + " [" + choice.label() + "]";
    }

    /**
     * The cores one task at a time (tasks in sequence, given all {@code cores}) actually runs on: all of them with
     * the oneDNN net, which takes lent cores ({@code Learner.threads}), one with the im2col net, which ignores them.
     */
    static int coresTaken(Convolutions choice, int cores) {
        return choice == Convolutions.ONEDNN ? cores : 1;
    }

    /** The choices {@code --convolutions im2col|onednn|both} names. */
    static List<Convolutions> convolutions(String value) {
        return switch (value) {
            case "both" -> List.of(Convolutions.IM2COL, Convolutions.ONEDNN);
            case "im2col", "onednn" -> List.of(Convolutions.parse(value, "--convolutions"));
            default -> throw new UsageException("--convolutions must be im2col, onednn or both, got '"
                    + value + "'");
        };
    }

    /** Puts {@code name}: {@code steps} x the peer's {@code step} + {@code forwards} x its {@code forward}. */
    static void deriveEvalTask(Map<String, Timing> torch, String name, String step, int steps, String forward,
                               int forwards) {
        Timing s = torch.get(step);
        Timing f = torch.get(forward);
        if (s != null && f != null) {
            torch.put(name, new Timing(name, Math.min(s.samples(), f.samples()), steps * s.min() + forwards * f.min(),
                    steps * s.median() + forwards * f.median(), steps * s.max() + forwards * f.max()));
        }
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

    /**
     * The table: ours (median, min..max), the peer's median and peer/ours, and for counted lines our GFLOP/s
     * (median) with its percentage of the sgemm peak on as many cores as the line uses.
     */
    static void print(List<Row> rows, Map<String, Timing> torch, Peak peak) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-52s %11s %17s %11s %10s %8s %7s%n", "operation", "ours ms", "min..max",
                "torch ms", "torch/ours", "GFLOP/s", "% peak");
        for (Row r : rows) {
            Timing t = torch.get(r.peerName());
            double gflops = r.gflop() / (r.ours().median() / 1000);
            System.out.printf(Locale.ROOT, "%-52s %11.4f %17s %11s %10s %8s %7s%n", r.ours().name(),
                    r.ours().median(), String.format(Locale.ROOT, "%.3f..%.3f", r.ours().min(), r.ours().max()),
                    t == null ? "-" : String.format(Locale.ROOT, "%.4f", t.median()),
                    t == null ? "-" : String.format(Locale.ROOT, "%.2fx", t.median() / r.ours().median()),
                    r.gflop() > 0 ? String.format(Locale.ROOT, "%.1f", gflops) : "-",
                    r.gflop() > 0 && peak != null
                            ? String.format(Locale.ROOT, "%.0f%%", peak.percent(gflops, r.cores())) : "-");
        }
        if (peak != null && rows.stream().anyMatch(r -> r.gflop() > 0)) {
            System.out.printf(Locale.ROOT, "(GFLOP/s: conv + dense products forward and backward, see Flops; %% peak: of "
                    + "the 1-thread sgemm peak, or of the %d-thread one for lines on all cores)%n", peak.threads());
        }
    }
}
