package org.metalearn.figures;

import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.omniglot;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.metalearn.dsl.Sweep;
import org.metalearn.dsl.SweepAxis;
import org.metalearn.report.ChartFiles;
import org.metalearn.report.SweepCharts;
import org.metalearn.util.AtomicFiles;
import org.metalearn.util.CommandLine;
import org.metalearn.util.CommandLine.UsageException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Figure 4's three panels as a long job that survives being stopped: {@code ./metalearn figure4 [--iterations N]
 * [--tasks T] [--grid paper|small] [--out DIR]}. Runs the F4 notebook's three sweeps ({@link #panels}: Reptile,
 * shared-tail and separate-tail first-order MAML against (a) inner iterations, (b) inner batch size, (c) outer step
 * with full-batch inner steps) with their run store in DIR/runs, which resumes them when started again (a run two
 * panels share is trained once); DIR/status.txt says how far. At the end writes DIR/figure4.csv (panel, setting,
 * value, algorithm, accuracy, ci95), DIR/figure4.png (the three panels), DIR/claims.csv ({@link Figure4Claims})
 * and DIR/provenance.txt.
 */
public final class Figure4 {
    /** The budget of the recorded run: 10,000 meta-iterations per run, 1,000 test tasks a point (docs/results.md). */
    public static final long ITERATIONS = 10_000;
    public static final int TASKS = 1_000;
    public static final String RECORDED = "figure4";
    /** The paper's grids: inner iterations, inner batch sizes, outer steps. */
    static final int[] STEPS = {2, 3, 4, 5, 6, 8, 10, 16};
    static final int[] BATCHES = {5, 10, 15, 20, 25, 35, 50};
    static final double[] OUTER = {0.1, 0.25, 0.5, 1.0, 2.0};
    /** The notebook's quick grids. */
    static final int[] SMALL_STEPS = {2, 4, 8};
    static final int[] SMALL_BATCHES = {10, 25, 50};
    static final double[] SMALL_OUTER = {0.25, 1.0};
    /** The panels' varied setting (a sweep table's column) and title. */
    static final String[] SETTINGS = {"innerSteps", "innerBatch", "metaStep"};
    static final String[] TITLES = {"(a) test accuracy vs inner iterations", "(b) test accuracy vs inner batch size",
        "(c) test accuracy vs outer step (full batch)"};

    private Figure4() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine.main("figure4", args, Figure4::run);
    }

    /**
     * The three sweeps of Figure 4 (the F4 notebook's): 5-shot 5-way Omniglot with Table 3's 5-way settings, a pool
     * of 20 training shots per class, 4 inner iterations of batch 25 unless varied, panel (c) with batches of 100;
     * the three algorithms in each; final accuracy on {@code tasks} test tasks; two runs at once, default store.
     */
    public static List<Sweep> panels(long iterations, int tasks, int[] steps, int[] batches, double[] outer) {
        var base = meta().reptile().on(omniglot()).ways(5).shots(5).trainShots(20).innerAdam(1e-3).innerSteps(4)
                .innerBatch(25).metaBatch(5).metaStep(1.0, 0.0).metaIterations(iterations)
                .evaluateEvery((int) iterations, tasks);
        SweepAxis algorithms = Sweep.algorithms(Sweep.reptile(), Sweep.fomaml(), Sweep.fomamlSeparate(5));
        return List.of(meta().sweep(base).vary(algorithms).vary(Sweep.innerSteps(steps)).parallel(2),
                meta().sweep(base).vary(algorithms).vary(Sweep.innerBatch(batches)).parallel(2),
                meta().sweep(base.innerBatch(100)).vary(algorithms).vary(Sweep.metaStep(outer)).parallel(2));
    }

    /** The three panels' sweep tables as one table: panel, setting, value, algorithm, accuracy, ci95. */
    public static Table table(List<Table> panels) {
        Table all = Table.create("Figure 4: final 5-shot 5-way Omniglot test accuracy (%)", StringColumn.create("panel"),
                StringColumn.create("setting"), DoubleColumn.create("value"), StringColumn.create("algorithm"),
                DoubleColumn.create("accuracy"), DoubleColumn.create("ci95"));
        for (int p = 0; p < panels.size(); p++) {
            Table t = panels.get(p);
            for (int r = 0; r < t.rowCount(); r++) {
                all.stringColumn("panel").append(String.valueOf((char) ('a' + p)));
                all.stringColumn("setting").append(SETTINGS[p]);
                all.doubleColumn("value").append(Double.parseDouble(t.getString(r, SETTINGS[p])));
                all.stringColumn("algorithm").append(t.getString(r, "algorithm"));
                all.doubleColumn("accuracy").append(t.doubleColumn("accuracy").get(r));
                all.doubleColumn("ci95").append(t.doubleColumn("ci95").get(r));
            }
        }
        return all;
    }

    /** figure4.csv's panels as three charts, (a) to (c). */
    public static List<XYChart> charts(Table figure4) {
        List<XYChart> charts = new ArrayList<>();
        for (int p = 0; p < SETTINGS.length; p++) {
            Table panel = figure4.where(figure4.stringColumn("panel").isEqualTo(String.valueOf((char) ('a' + p))))
                    .copy();
            panel.column("value").setName(SETTINGS[p]);
            charts.add(SweepCharts.metricBySetting(panel, SETTINGS[p], "accuracy", "algorithm", TITLES[p]));
        }
        return charts;
    }

    /** The command {@code ./metalearn figure4}: runs (or resumes) the three sweeps and records them. */
    static void run(String[] args) throws IOException {
        long iterations = ITERATIONS;
        int tasks = TASKS;
        boolean small = false;
        Path out = Path.of("results", RECORDED);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--iterations" -> iterations = CommandLine.whole(args, ++i, "--iterations", 1, Integer.MAX_VALUE);
                case "--tasks" -> tasks = (int) CommandLine.whole(args, ++i, "--tasks", 1, Integer.MAX_VALUE);
                case "--grid" -> {
                    String grid = CommandLine.value(args, ++i, "--grid");
                    if (!grid.equals("paper") && !grid.equals("small")) {
                        throw new UsageException("--grid must be paper or small, got '" + grid + "'");
                    }
                    small = grid.equals("small");
                }
                case "--out" -> out = Path.of(CommandLine.value(args, ++i, "--out"));
                default -> throw new UsageException("unknown option " + args[i]
                        + " (allowed: --iterations N, --tasks T, --grid paper|small, --out DIR)");
            }
        }
        CommandLine.outputFolder(out, "--out");
        Path status = out.resolve("status.txt");
        List<Sweep> panels = small ? panels(iterations, tasks, SMALL_STEPS, SMALL_BATCHES, SMALL_OUTER)
                : panels(iterations, tasks, STEPS, BATCHES, OUTER);
        String commit = SweepRecord.commit(); // now: HEAD may move while the runs train
        long start = System.nanoTime();
        List<Table> tables = new ArrayList<>();
        StringBuilder settings = new StringBuilder();
        for (int p = 0; p < panels.size(); p++) {
            Sweep sweep = panels.get(p).store(out.resolve("runs"))
                    .listener(SweepRecord.status(status, "panel (" + (char) ('a' + p) + ") of (a)-(c)"));
            settings.append("panel (").append((char) ('a' + p)).append("): ").append(sweep).append('\n');
            tables.add(sweep.run());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Table figure = table(tables);
        AtomicFiles.write(out.resolve("figure4.csv"), w -> figure.write().csv(w));
        ChartFiles.savePng(ChartFiles.sideBySide(charts(figure)), out.resolve("figure4.png"));
        Table claims = Figure4Claims.of(figure);
        AtomicFiles.write(out.resolve("claims.csv"), w -> claims.write().csv(w));
        String command = String.format(Locale.ROOT, "./metalearn figure4 --iterations %d --tasks %d --grid %s --out %s",
                iterations, tasks, small ? "small" : "paper", out);
        AtomicFiles.writeString(out.resolve("provenance.txt"), SweepRecord.provenance(command, settings
                + "evaluation: " + tasks + " test tasks per run at its end (the 5-way preset's protocol: 50 steps of "
                + "batch 5)\n", commit, seconds));
        AtomicFiles.writeString(status, "finished " + Instant.now() + "\n");
        System.out.println(claims.print());
    }
}
