package org.metalearn.figures;

import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.omniglot;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.metalearn.dsl.Sweep;
import org.metalearn.report.ChartFiles;
import org.metalearn.report.CurveRecorder;
import org.metalearn.report.SweepCharts;
import org.metalearn.util.AtomicFiles;
import org.metalearn.util.CommandLine;
import org.metalearn.util.CommandLine.UsageException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Figure 3 at the paper's settings as a long job that survives being stopped: {@code ./metalearn figure3
 * [--iterations N] [--every E] [--tasks T] [--out DIR]}. Runs the F3 notebook's sweep ({@link #sweep}: the ten
 * {@link GradientCombination}s, two runs at once) with its run store in DIR/runs, which resumes it when started
 * again; DIR/status.txt says how many runs are finished. At the end writes DIR/figure3.csv (the ten curves: label,
 * iteration, evalAccuracy, ci95), DIR/figure3.png (the curves with their 95 % bands), DIR/claims.csv (the paper's
 * four claims checked, {@link Figure3Claims}) and DIR/provenance.txt.
 */
public final class Figure3 {
    /** Evaluation schedule of the paper-setting run: every 1,000 meta-iterations on 500 test tasks (docs/results.md). */
    public static final int EVERY = 1_000;
    public static final int TASKS = 500;
    /** The recorded paper-setting run: {@code results/figure3-paper}. */
    public static final String RECORDED = "figure3-paper";

    private Figure3() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine.main("figure3", args, Figure3::run);
    }

    /**
     * The sweep of Figure 3 (the F3 notebook's): 5-shot 5-way Omniglot, plain SGD (lr 0.003, batch 25), meta-batch
     * 1, the ten gradient combinations, evaluated every {@code every} meta-iterations on {@code tasks} test tasks
     * with the figure's protocol (5 SGD steps of 25), two runs at once, in the default run store.
     */
    public static Sweep sweep(long iterations, int every, int tasks) {
        var base = meta().reptile().on(omniglot()).ways(5).shots(5).innerSgd(GradientCombination.LEARNING_RATE)
                .innerBatch(GradientCombination.INNER_BATCH).metaBatch(1).metaIterations(iterations)
                .evalProtocol(5, 25).evaluateEvery(every, tasks);
        return meta().sweep(base).vary(GradientCombination.axis()).parallel(2);
    }

    /** The curves of a finished Figure 3 sweep as one table: label, iteration, evalAccuracy, ci95 (evaluated rows). */
    public static Table curves(Sweep sweep, Table rows) {
        Table all = Table.create("Figure 3: 5-shot 5-way Omniglot test accuracy (%) during training",
                StringColumn.create("label"), IntColumn.create(CurveRecorder.ITERATION),
                DoubleColumn.create(CurveRecorder.EVAL_ACCURACY), DoubleColumn.create("ci95"));
        for (Map.Entry<String, Table> e : sweep.runStore().curves(rows, "label").entrySet()) {
            Table curve = e.getValue();
            for (int r = 0; r < curve.rowCount(); r++) {
                if (curve.doubleColumn(CurveRecorder.EVAL_ACCURACY).isMissing(r)) {
                    continue;
                }
                all.stringColumn("label").append(e.getKey());
                all.intColumn(CurveRecorder.ITERATION).append(curve.intColumn(CurveRecorder.ITERATION).get(r));
                all.doubleColumn(CurveRecorder.EVAL_ACCURACY).append(curve.doubleColumn(CurveRecorder.EVAL_ACCURACY)
                        .get(r));
                all.doubleColumn("ci95").append(curve.doubleColumn(CurveRecorder.EVAL_CI95).get(r));
            }
        }
        return all;
    }

    /** figure3.csv as a chart: the curves with their 95 % bands. */
    public static XYChart chart(Table curves) {
        XYChart chart = SweepCharts.curvesWithBands(curves, "label", CurveRecorder.EVAL_ACCURACY, "ci95",
                "Figure 3: 5-shot 5-way Omniglot test accuracy (%), 95 % bands");
        chart.setYAxisTitle("test accuracy (%)");
        return chart;
    }

    /** The command {@code ./metalearn figure3}: runs (or resumes) the sweep and records it; bad options fail first. */
    static void run(String[] args) throws IOException {
        long iterations = GradientCombination.META_ITERATIONS;
        Integer every = null;
        int tasks = TASKS;
        Path out = Path.of("results", RECORDED);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--iterations" -> iterations = CommandLine.whole(args, ++i, "--iterations", 1, Integer.MAX_VALUE);
                case "--every" -> every = (int) CommandLine.whole(args, ++i, "--every", 1, Integer.MAX_VALUE);
                case "--tasks" -> tasks = (int) CommandLine.whole(args, ++i, "--tasks", 1, Integer.MAX_VALUE);
                case "--out" -> out = Path.of(CommandLine.value(args, ++i, "--out"));
                default -> throw new UsageException("unknown option " + args[i]
                        + " (allowed: --iterations N, --every E, --tasks T, --out DIR)");
            }
        }
        int schedule = every != null ? every : (int) Math.min(EVERY, iterations);
        if (schedule > iterations) {
            throw new UsageException("--every must be in 1.." + iterations + " (the run's meta-iterations), got "
                    + schedule);
        }
        CommandLine.outputFolder(out, "--out");
        Path status = out.resolve("status.txt");
        Sweep sweep = sweep(iterations, schedule, tasks).store(out.resolve("runs"))
                .listener(SweepRecord.status(status, "training"));
        String commit = SweepRecord.commit(); // now: HEAD may move while the runs train
        long start = System.nanoTime();
        Table rows = sweep.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        Table curves = curves(sweep, rows);
        AtomicFiles.write(out.resolve("figure3.csv"), w -> curves.write().csv(w));
        ChartFiles.savePng(chart(curves), out.resolve("figure3.png"));
        Table claims = Figure3Claims.of(curves);
        AtomicFiles.write(out.resolve("claims.csv"), w -> claims.write().csv(w));
        String command = String.format(Locale.ROOT, "./metalearn figure3 --iterations %d --every %d --tasks %d --out %s",
                iterations, schedule, tasks, out);
        AtomicFiles.writeString(out.resolve("provenance.txt"), SweepRecord.provenance(command, "sweep: " + sweep
                + "\n" + "evaluation: every " + schedule + " meta-iterations on " + tasks + " test tasks (5 SGD steps "
                + "of 25)\n", commit, seconds));
        AtomicFiles.writeString(status, "finished " + Instant.now() + "\n");
        System.out.println(claims.print());
    }
}
