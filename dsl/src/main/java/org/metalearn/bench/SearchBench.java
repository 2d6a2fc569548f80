package org.metalearn.bench;

import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.omniglot;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.metalearn.dsl.HalvingSearch;
import org.metalearn.dsl.ReptileSpec;
import org.metalearn.dsl.SampledAxis;
import org.metalearn.dsl.Sweep;
import org.metalearn.dsl.SweepAxis;
import org.metalearn.report.ChartFiles;
import org.metalearn.report.SearchCharts;
import org.metalearn.util.AtomicFiles;
import org.metalearn.util.CommandLine;
import org.metalearn.util.CommandLine.UsageException;
import tech.tablesaw.api.Table;

/**
 * {@code bench search}: does successive halving find what the full grid finds, for how much of its training time?
 * The same sampled Omniglot 5-way 1-shot space (Reptile, Table 3's preset otherwise; inner Adam learning rate
 * log-uniform, inner steps, meta-step) is searched twice, in two stores under OUT: by {@code halving(eta, min)} and
 * by training every point to the full budget, both two runs at a time. Prints and writes both tables, the halving
 * history, the training seconds of each (summed per run over sessions, so a stopped benchmark resumes and still
 * counts right) and the two bests. A run at its full budget is the same run in both searches, so where they pick
 * the same point their accuracies are equal to the bit (the grid evaluates only at the end; halving at every rung).
 */
final class SearchBench {
    static final String USAGE = "usage: bench search [--points N (27)] [--budget ITERATIONS (3000)] [--eta E (3)]"
            + " [--min ITERATIONS (budget / eta^3)] [--tasks T (500)] [--seed S (1)] [--out DIR (search-bench)]";

    private SearchBench() {
    }

    static void run(String[] args) {
        int points = 27;
        long budget = 3_000;
        int eta = 3;
        Long min = null;
        int tasks = 500;
        long seed = 1;
        Path out = Path.of("search-bench");
        for (int i = 1; i < args.length; i++) { // args[0] is "search"
            switch (args[i]) {
                case "--points" -> points = (int) CommandLine.whole(args, ++i, "--points", 2, 1000);
                case "--budget" -> budget = CommandLine.whole(args, ++i, "--budget", 2, 10_000_000);
                case "--eta" -> eta = (int) CommandLine.whole(args, ++i, "--eta", 2, 100);
                case "--min" -> min = CommandLine.whole(args, ++i, "--min", 1, 10_000_000);
                case "--tasks" -> tasks = (int) CommandLine.whole(args, ++i, "--tasks", 10, 1_000_000);
                case "--seed" -> seed = CommandLine.whole(args, ++i, "--seed", 0, Long.MAX_VALUE);
                case "--out" -> out = Path.of(CommandLine.value(args, ++i, "--out"));
                default -> throw new UsageException("unknown option " + args[i] + " (" + USAGE + ")");
            }
        }
        long first = min != null ? min : Math.max(1, budget / ((long) eta * eta * eta)); // ~4 rungs
        if (first >= budget) {
            throw new UsageException("--min must be below --budget (" + budget + "), got " + first);
        }
        CommandLine.outputFolder(out, "--out");
        SweepAxis space = Sweep.sample(points, seed, ranges()); // the same points for both searches

        ReptileSpec base = meta().reptile().on(omniglot()).ways(5).shots(1).metaIterations(budget).progress(false);
        HalvingSearch halving = sweep(base.evaluateGeometric((int) first, eta, tasks), space, out.resolve("halving-store"))
                .halving(eta, first);
        Sweep grid = sweep(base.evaluateEvery((int) budget, tasks), space, out.resolve("grid-store"));
        long[] rungs = halving.rungs().get(0);
        String described = String.format(Locale.ROOT, "%d points (seed %d) of innerAdam log-uniform [1e-4, 1e-2], "
                + "innerSteps 1..8, metaStep uniform [0.1, 1.0]; Omniglot 5-way 1-shot Reptile, %,d meta-iterations, "
                + "evaluation on %d test tasks, 2 runs at a time", points, seed, budget, tasks);
        System.out.println("search benchmark: " + described);
        System.out.println("halving: eta " + eta + ", rungs " + Arrays.toString(rungs));
        System.out.println(machine());

        Phase h = timed(halving::run);
        Table history = halving.history();
        Phase g = timed(grid::run);

        double halvingSeconds = history.doubleColumn(SearchCharts.TRAINING_SECONDS)
                .getDouble(history.rowCount() - 1);
        double gridSeconds = g.table().doubleColumn("seconds").sum();
        Table hb = Sweep.best(h.table(), "accuracy");
        Table gb = Sweep.best(g.table(), "accuracy");
        String summary = String.format(Locale.ROOT, "search benchmark, %s%n%s%n%s%n"
                + "halving (eta %d, rungs %s): training %.0f s (summed per run), this start %.0f s wall, %.0f s CPU%n"
                + "grid (every point to %,d): training %.0f s (summed per run), this start %.0f s wall, %.0f s CPU%n"
                + "halving / grid training time: %.3f%n"
                + "best by halving: %.2f %% (run %s)%nbest of the grid: %.2f %% (run %s)%n"
                + "difference: %.2f points%n",
                Instant.now(), described, machine(), eta, Arrays.toString(rungs), halvingSeconds,
                h.wall(), h.cpu(), budget, gridSeconds, g.wall(), g.cpu(), halvingSeconds / gridSeconds,
                hb.doubleColumn("accuracy").getDouble(0), hb.stringColumn("key").get(0),
                gb.doubleColumn("accuracy").getDouble(0), gb.stringColumn("key").get(0),
                gb.doubleColumn("accuracy").getDouble(0) - hb.doubleColumn("accuracy").getDouble(0));
        AtomicFiles.write(out.resolve("halving.csv"), w -> h.table().write().csv(w));
        AtomicFiles.write(out.resolve("grid.csv"), w -> g.table().write().csv(w));
        AtomicFiles.write(out.resolve("history.csv"), w -> history.write().csv(w));
        AtomicFiles.writeString(out.resolve("summary.txt"), summary);
        List<String> settings = List.of("innerAdam", "innerSteps", "metaStep");
        ChartFiles.savePng(SearchCharts.parallelCoordinates(g.table(), settings, "accuracy", Set.of("innerAdam"),
                "grid: every point at " + budget + " meta-iterations"), out.resolve("grid-parallel-coordinates.png"));
        ChartFiles.savePng(SearchCharts.history(history, "accuracy", "halving: accuracy against training time"),
                out.resolve("halving-history.png"));
        System.out.println(h.table().print());
        System.out.println(g.table().print());
        System.out.print(summary);
    }

    /** The searched ranges: Table 3's 5-way preset (Adam 1e-3, 5 steps, meta-step 1.0) lies inside. */
    static SampledAxis[] ranges() {
        return new SampledAxis[] {Sweep.logUniform("innerAdam", 1e-4, 1e-2),
            Sweep.integers("innerSteps", 1, 8), Sweep.uniform("metaStep", 0.1, 1.0)};
    }

    private static Sweep sweep(ReptileSpec spec, SweepAxis space, Path store) {
        return meta().sweep(spec).vary(space).store(store).parallel(2);
    }

    record Phase(Table table, double wall, double cpu) {
    }

    /** Runs a search, measuring this JVM's wall and CPU seconds (every thread, native ones included). */
    private static Phase timed(Supplier<Table> search) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Table t = search.get();
        return new Phase(t, (System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9);
    }

    private static String machine() {
        return SweepScalingBench.machine(Path.of("/proc"));
    }
}
