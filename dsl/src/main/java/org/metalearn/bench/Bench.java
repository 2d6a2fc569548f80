package org.metalearn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.metalearn.eval.FewShotEvaluator;
import org.metalearn.dsl.Presets;
import org.metalearn.eval.FewShotProtocol;
import org.metalearn.learn.Adam;
import org.metalearn.learn.InnerSettings;
import org.metalearn.learn.LinearSchedule;
import org.metalearn.learn.OuterOptimizer;
import org.metalearn.learn.Reptile;
import org.metalearn.learn.Sgd;
import org.metalearn.learn.TaskExecution;
import org.metalearn.learn.Trainer;
import org.metalearn.learn.TrainingPlan;
import org.metalearn.models.OmniglotNet;
import org.metalearn.tasks.ClassificationTasks;
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
 * usage: bench [sine|conv|all] [--samples N] [--no-peer]; bench memory [--iterations N] (RSS over a long run);
 * either with {@code --openblas-coretype NAME}, which the {@code metalearn} launcher turns into OPENBLAS_CORETYPE for
 * this run (see {@link OpenBlasKernels}). The first lines say which OpenBLAS kernels actually ran.
 */
public final class Bench {
    private Bench() {
    }

    static final String USAGE = "usage: bench [sine|conv|all] [--samples N] [--no-peer] [--openblas-coretype NAME]"
            + " | bench memory [--iterations N] [--openblas-coretype NAME]";

    private static long number(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value (" + USAGE + ")");
        }
        try {
            return Integer.parseInt(args[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + args[i] + "'");
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value (" + USAGE + ")");
        }
        return args[i];
    }

    /** One compared line: our timing and the peer's name for the same operation. */
    record Row(Timing ours, String peerName) {
    }

    public static void main(String[] args) {
        String mode = "all";
        int samples = 7;
        boolean peer = true;
        long iterations = 10_000;
        String coretype = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "sine", "conv", "all", "memory" -> mode = args[i];
                case "--samples" -> samples = (int) number(args, ++i, "--samples");
                case "--iterations" -> iterations = number(args, ++i, "--iterations");
                case "--no-peer" -> peer = false;
                case "--openblas-coretype" -> coretype = value(args, ++i, "--openblas-coretype");
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (" + USAGE + ")");
            }
        }
        if (samples < 3) {
            throw new IllegalArgumentException("--samples must be >= 3, got " + samples);
        }
        if (iterations < 1000) {
            throw new IllegalArgumentException("--iterations must be >= 1000, got " + iterations);
        }
        if (coretype != null) {
            OpenBlasKernels.checkRequest(coretype, System.getenv(), OpenBlasKernels.cpuFlags());
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.println(OpenBlasKernels.describe());
        if (mode.equals("memory")) {
            MemoryProbe.run(iterations, 1000);
            return;
        }
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
                deriveEvalTask(torch);
            }
        }
        print(rows, torch);
        rows.stream().filter(r -> r.ours().name().startsWith("conv Reptile meta-iteration")).findFirst()
                .ifPresent(r -> System.out.printf(Locale.ROOT, "%nconv meta-iteration: %.1f GFLOP/s (%.2f GFLOP each, median)%n",
                        GFLOP_PER_META_ITERATION / (r.ours().median() / 1000), GFLOP_PER_META_ITERATION));
    }

    /**
     * Forward + backward FLOPs of 25 batch-10 steps of the 5-way Omniglot net, counted from the layer shapes: the
     * conv and dense products are 5.32 MFLOP an image forward, twice that backward (less the first layer's input
     * gradient), times 250 images.
     */
    static final double GFLOP_PER_META_ITERATION = 3.93;

    static List<Row> conv(int samples) {
        int cores = Runtime.getRuntime().availableProcessors();
        Learner net = OmniglotNet.lean(5).create(RandomStreams.of(0, RandomStreams.Role.INIT));
        System.out.printf(Locale.ROOT, "conv net: %s%n", net.getClass().getSimpleName());
        var rng = RandomStreams.of(2, RandomStreams.Role.TASKS);
        Batch[] batches = new Batch[25];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = randomBatch(10, rng);
        }
        Adam adam = new Adam(1e-3);
        float[] phi = net.parameters();
        float[] grad = new float[phi.length];
        int[] k = {0};
        Timing step = Timing.measure("conv inner step (batch 10, Adam)", 300, samples, 20, () -> {
            net.setParameters(phi);
            net.lossAndGradient(batches[k[0]++ % 25], grad);
            adam.step(phi, grad);
        });
        Batch[] fives = new Batch[25];
        for (int b = 0; b < fives.length; b++) {
            fives[b] = randomBatch(5, rng);
        }
        Timing step5 = Timing.measure("conv inner step (batch 5, Adam)", 300, samples, 20, () -> {
            net.setParameters(phi);
            net.lossAndGradient(fives[k[0]++ % 25], grad);
            adam.step(phi, grad);
        });
        Timing parallel = metaIteration("conv Reptile meta-iteration (5x5 steps)", TaskExecution.PARALLEL, cores,
                samples);
        Timing sequential = metaIteration("  same, tasks in sequence (official order)", TaskExecution.SEQUENTIAL, 1,
                samples);
        float[] in26 = java.util.Arrays.copyOf(batches[0].inputs(), 26 * 784);
        Timing forward = Timing.measure("conv forward 26 images (batch statistics)", 200, samples, 20,
                () -> net.predict(in26, 26));
        Timing evalTask = evaluation("conv eval task (5-shot: 50 steps of 5 + 5 queries)", 1, samples);
        Timing evalThroughput = evaluation("  same, tasks on all cores (time per task)", cores, samples);
        return List.of(new Row(step, "conv inner step (fit batch10)"),
                new Row(parallel, "conv Reptile meta-iteration (5x5 steps + interp)"),
                new Row(sequential, "conv Reptile meta-iteration (5x5 steps + interp)"),
                new Row(step5, "conv inner step (fit batch5, eval-style)"),
                new Row(forward, "conv forward 26 imgs (train-mode BN)"),
                new Row(evalTask, EVAL_TASK), new Row(evalThroughput, EVAL_TASK));
    }

    /** The peer has no evaluation task: it is derived as 50 batch-5 steps + 5 forwards of 26 images. */
    static final String EVAL_TASK = "eval task (derived: 50 steps of 5 + 5 forwards of 26)";

    static void deriveEvalTask(Map<String, Timing> torch) {
        Timing s = torch.get("conv inner step (fit batch5, eval-style)");
        Timing f = torch.get("conv forward 26 imgs (train-mode BN)");
        if (s != null && f != null) {
            torch.put(EVAL_TASK, new Timing(EVAL_TASK, Math.min(s.samples(), f.samples()),
                    50 * s.min() + 5 * f.min(), 50 * s.median() + 5 * f.median(), 50 * s.max() + 5 * f.max()));
        }
    }

    private static Batch randomBatch(int rows, org.apache.commons.rng.UniformRandomProvider rng) {
        float[] x = new float[rows * 784];
        float[] y = new float[rows * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() < 0.2 ? 0f : 1f;
        }
        for (int r = 0; r < rows; r++) {
            y[r * 5 + rng.nextInt(5)] = 1f;
        }
        return new Batch(x, y, rows);
    }

    /**
     * Meta-iterations of the real engine (task sampling, batching, 5 tasks x 5 Adam steps of 10, interpolation)
     * on Table 3's 5-way settings; each sample is the mean of 10 iterations after 10 of warm-up.
     */
    static Timing metaIteration(String name, TaskExecution execution, int workers, int samples) {
        int per = 10;
        int warmup = 10;
        var tasks = new ClassificationTasks("bench", new RandomImages(60, 20, 1), 5, 10);
        TrainingPlan plan = new TrainingPlan(tasks, OmniglotNet.lean(5), new Reptile(), () -> new Adam(1e-3),
                new InnerSettings(5, 10, false), 5, new LinearSchedule(1.0, 0.0), warmup + (long) samples * per, 0,
                OuterOptimizer::interpolation, execution, workers);
        Trainer trainer = new Trainer(plan);
        long[] stamps = new long[(int) plan.metaIterations() + 1];
        stamps[0] = System.nanoTime();
        trainer.train(trainer.initialState(), List.of(r -> stamps[(int) r.iteration()] = System.nanoTime()));
        double[] ms = new double[samples];
        for (int s = 0; s < samples; s++) {
            int from = warmup + s * per;
            ms[s] = (stamps[from + per] - stamps[from]) / 1e6 / per;
        }
        return Timing.of(name, ms);
    }

    /** Few-shot evaluation tasks (5-way 5-shot, 50 Adam steps of 5, queries one at a time with the support set). */
    static Timing evaluation(String name, int workers, int samples) {
        int per = 4 * workers;
        var tasks = new ClassificationTasks("bench", new RandomImages(60, 20, 1), 5, 5);
        Learner prototype = OmniglotNet.lean(5).create(RandomStreams.of(0, RandomStreams.Role.INIT));
        float[] theta = prototype.parameters();
        var protocol = new FewShotProtocol(5, Presets.OMNIGLOT_5WAY.evalIterations(), 5, false, per);
        var rng = RandomStreams.of(0, RandomStreams.Role.EVALUATION);
        FewShotEvaluator.evaluate(prototype, theta, new Adam(1e-3), tasks, protocol, rng, null, workers);
        double[] ms = new double[samples];
        for (int s = 0; s < samples; s++) {
            long t0 = System.nanoTime();
            FewShotEvaluator.evaluate(prototype, theta, new Adam(1e-3), tasks, protocol, rng, null, workers);
            ms[s] = (System.nanoTime() - t0) / 1e6 / per;
        }
        return Timing.of(name, ms);
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
