package org.metalearn.figures;

import static org.metalearn.dsl.Meta.meta;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.knowm.xchart.XYChart;
import org.metalearn.dsl.Presets;
import org.metalearn.dsl.Run;
import org.metalearn.dsl.TrainingSpec;
import org.metalearn.eval.AdaptationTrace;
import org.metalearn.learn.Tail;
import org.metalearn.report.ChartFiles;
import org.metalearn.report.Charts;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.SineTasks;
import org.metalearn.util.AtomicFiles;
import org.metalearn.util.CommandLine;
import org.metalearn.util.CommandLine.UsageException;
import org.metalearn.util.RandomStreams;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Figure 1 of the paper (docs/paper.md#figure-1): meta-train on sine tasks, then adapt to one fixed held-out sine from
 * 10 points for 32 SGD steps and show the prediction after 0, 8, 16, 24, 32 steps, side by side for
 * (a) joint training, (b) second-order MAML and (c) Reptile. Settings follow the official sine demo where it
 * has them; see {@link #panels}.
 */
public final class Figure1 {
    /** The demo: 10 training points, 32 full-batch SGD steps at lr 0.02, snapshots every 8 steps. */
    public static final int POINTS = 10;
    public static final int[] SNAPSHOTS = {0, 8, 16, 24, 32};
    public static final long PAPER_ITERATIONS = Presets.SINE.metaIterations();

    private final long iterations;
    private final long seed;
    private final boolean progress;
    private final int sines;

    public Figure1(long iterations, long seed, boolean progress) {
        this(iterations, seed, progress, 1);
    }

    /**
     * @param sines held-out sines each trained panel adapts to (the first is the one drawn); the MSE after 32 steps
     *              over all of them ({@link Result#spread()}) says how typical the drawn one is
     */
    public Figure1(long iterations, long seed, boolean progress, int sines) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be >= 0, got " + seed);
        }
        if (sines < 1 || sines > 10_000) {
            throw new IllegalArgumentException("sines must be in 1..10000, got " + sines);
        }
        this.iterations = iterations;
        this.seed = seed;
        this.progress = progress;
        this.sines = sines;
    }

    /**
     * One panel of the figure: a label, the trained run, its adaptation to the drawn sine, and the MSE on the grid
     * before and after 32 steps for each held-out sine (index 0: the drawn one).
     */
    public record Panel(String label, Run run, AdaptationTrace trace, double[] mseBefore, double[] mseAfter) {
    }

    /** The finished figure. */
    public record Result(SineTasks.Sine target, Batch trainPoints, List<Panel> panels) {

        /** Final MSE on the 50-point grid after 32 steps, one row per panel. */
        public Table table() {
            Table t = Table.create("figure1", StringColumn.create("panel"), StringColumn.create("algorithm"),
                    IntColumn.create("metaIterations"), IntColumn.create("adaptSteps"),
                    DoubleColumn.create("mseBefore"), DoubleColumn.create("mseAfter"),
                    DoubleColumn.create("trainSeconds"));
            for (Panel p : panels) {
                t.stringColumn("panel").append(p.label());
                t.stringColumn("algorithm").append(p.run().plan().algorithm().name());
                t.intColumn("metaIterations").append((int) p.run().plan().metaIterations());
                t.intColumn("adaptSteps").append(p.trace().finalSteps());
                t.doubleColumn("mseBefore").append(p.trace().queryLoss()[0]);
                t.doubleColumn("mseAfter").append(p.trace().finalLoss());
                t.doubleColumn("trainSeconds").append(p.run().seconds());
            }
            return t;
        }

        public List<XYChart> charts() {
            List<XYChart> charts = new ArrayList<>();
            for (Panel p : panels) {
                charts.add(Charts.adaptation(p.trace(), trainPoints.inputs(), trainPoints.targets(),
                        p.label() + String.format(Locale.ROOT, " (MSE after %d steps: %.3f)", p.trace().finalSteps(),
                                p.trace().finalLoss())));
            }
            return charts;
        }

        public BufferedImage image() {
            return ChartFiles.sideBySide(charts());
        }

        /** MSE on the grid after 32 steps over the held-out sines, per panel: mean, standard deviation, quartiles. */
        public Table spread() {
            Table t = Table.create("figure1 over held-out sines", StringColumn.create("panel"),
                    IntColumn.create("sines"), DoubleColumn.create("mseBeforeMean"), DoubleColumn.create("mseAfterMean"),
                    DoubleColumn.create("mseAfterSd"), DoubleColumn.create("mseAfterMin"),
                    DoubleColumn.create("mseAfterMedian"), DoubleColumn.create("mseAfterMax"));
            for (Panel p : panels) {
                DoubleColumn after = DoubleColumn.create("after", p.mseAfter());
                t.stringColumn("panel").append(p.label());
                t.intColumn("sines").append(p.mseAfter().length);
                t.doubleColumn("mseBeforeMean").append(DoubleColumn.create("before", p.mseBefore()).mean());
                t.doubleColumn("mseAfterMean").append(after.mean());
                t.doubleColumn("mseAfterSd").append(p.mseAfter().length > 1 ? after.standardDeviation() : 0);
                t.doubleColumn("mseAfterMin").append(after.min());
                t.doubleColumn("mseAfterMedian").append(after.median());
                t.doubleColumn("mseAfterMax").append(after.max());
            }
            return t;
        }
    }

    /** Panel labels, in the order of {@link #panels()}. */
    public static final List<String> LABELS = List.of("(a) joint training", "(b) MAML", "(c) Reptile");

    /**
     * The panels' training specs. (a) joint training: SGD lr 0.02 on one 10-point batch per task, meta-batch
     * 5 so it sees as many gradients as Reptile, outer step 1 -> 0 (effective lr 0.02 annealed).
     * (b) MAML (the paper does not give its settings; ours): one SGD step (lr 0.02) on 10 random grid points,
     * test loss on the other 40, second order through the step, outer Adam lr 1e-3 -> 0, meta-batch 1.
     * (c) Reptile as the official demo: 5 SGD steps of 10 points, lr 0.02, meta-batch 1, eps 0.1 -> 0.
     */
    public List<TrainingSpec<?>> panels() {
        return List.of(
                meta().joint().innerSgd(0.02).innerBatch(10).metaBatch(5).metaStep(1.0, 0.0)
                        .metaIterations(iterations).seed(seed).progress(progress),
                meta().maml().innerSgd(0.02).innerSteps(2).innerBatch(10).tail(Tail.separate(40)).metaBatch(1)
                        .metaStep(1e-3, 0.0).metaIterations(iterations).seed(seed).progress(progress),
                meta().reptile().innerSgd(0.02).innerSteps(5).innerBatch(10).metaBatch(1).metaStep(0.1, 0.0)
                        .metaIterations(iterations).seed(seed).progress(progress));
    }

    public Result run() {
        SineTasks sine = new SineTasks();
        UniformRandomProvider rng = RandomStreams.of(seed, RandomStreams.Role.EVALUATION);
        float[] grid = sine.grid();
        // held-out sine k and its 10 training points, drawn one after another (sine 0 first, as before there were more)
        SineTasks.Sine[] targets = new SineTasks.Sine[sines];
        Batch[] trains = new Batch[sines];
        for (int k = 0; k < sines; k++) {
            targets[k] = sine.sampleFunction(rng);
            // the demo's 10 training x's are drawn from the grid with replacement
            float[] xs = new float[POINTS];
            float[] ys = new float[POINTS];
            for (int i = 0; i < POINTS; i++) {
                xs[i] = grid[rng.nextInt(grid.length)];
                ys[i] = (float) targets[k].at(xs[i]);
            }
            trains[k] = new Batch(xs, ys, POINTS);
        }
        List<Panel> panels = new ArrayList<>();
        List<TrainingSpec<?>> specs = panels();
        for (int p = 0; p < specs.size(); p++) {
            Run run = specs.get(p).train();
            AdaptationTrace drawn = null;
            double[] before = new double[sines];
            double[] after = new double[sines];
            for (int k = 0; k < sines; k++) {
                float[] truth = SineTasks.task(targets[k], grid).all().targets();
                AdaptationTrace trace = run.adapt(trains[k], grid, truth, SNAPSHOTS);
                drawn = k == 0 ? trace : drawn;
                before[k] = trace.queryLoss()[0];
                after[k] = trace.finalLoss();
            }
            panels.add(new Panel(LABELS.get(p), run, drawn, before, after));
        }
        return new Result(targets[0], trains[0], panels);
    }

    /** Writes figure1.png and figure1.csv into the output folder. */
    public static void main(String[] args) throws Exception {
        CommandLine.main("figure1", args, Figure1::run);
    }

    /** The command {@code ./metalearn figure1}; a bad option is a {@link UsageException}. */
    static void run(String[] args) {
        long iterations = PAPER_ITERATIONS;
        long seed = 0;
        Path out = Path.of("out");
        boolean progress = true;
        int sines = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--iterations" -> iterations = CommandLine.whole(args, ++i, "--iterations", 1, Long.MAX_VALUE);
                case "--seed" -> seed = CommandLine.whole(args, ++i, "--seed", 0, Long.MAX_VALUE);
                case "--out" -> out = Path.of(CommandLine.value(args, ++i, "--out"));
                case "--sines" -> sines = (int) CommandLine.whole(args, ++i, "--sines", 1, 10_000);
                case "--quiet" -> progress = false;
                case "--help", "-h" -> {
                    System.out.println("usage: figure1 [--iterations N (default 30000)] [--seed S (default 0)] "
                            + "[--out DIR (default out)] [--sines K (default 1): also adapt to K held-out sines, "
                            + "figure1-sines.csv] [--quiet]");
                    return;
                }
                default -> throw new UsageException("unknown option " + args[i] + " (try --help)");
            }
        }
        CommandLine.outputFolder(out, "--out");
        long start = System.nanoTime();
        Result result = new Figure1(iterations, seed, progress, sines).run();
        ChartFiles.savePng(result.image(), out.resolve("figure1.png"));
        AtomicFiles.write(out.resolve("figure1.csv"), o -> result.table().write().csv(o));
        System.out.println(result.table().print());
        if (sines > 1) {
            AtomicFiles.write(out.resolve("figure1-sines.csv"), o -> result.spread().write().csv(o));
            System.out.println(result.spread().print());
        }
        System.out.printf(Locale.ROOT, "wrote %s and %s in %.1f s%n", out.resolve("figure1.png"),
                out.resolve("figure1.csv"), (System.nanoTime() - start) / 1e9);
    }
}
