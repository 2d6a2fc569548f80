package org.metalearn.dsl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import tech.tablesaw.api.Table;

/**
 * A sweep: one base spec, the settings to vary, and the verb {@link #run()} that returns one table row per run.
 * <pre>{@code
 * Table t = meta().sweep(meta().reptile().on(sine()).metaIterations(2_000).evaluateEvery(200, 50))
 *         .vary(Sweep.algorithms(Sweep.reptile(), Sweep.fomaml()))
 *         .vary(Sweep.innerSteps(1, 2, 4, 8))
 *         .run();
 * }</pre>
 * Axes combine as a grid (every value of one with every value of the others); {@link #together} varies settings in
 * step. Every run lives in the {@link RunStore} under a key of its resolved settings: a finished run is read back,
 * an unfinished one resumes from its checkpoint, so re-running a stopped or killed sweep finishes it and gives the
 * table an uninterrupted sweep gives. Sweeps sharing a store (two notebooks, a notebook and a Spark job) train each
 * run once: a run is trained under a claim in the store, and a sweep takes the runs claimed elsewhere last, waiting
 * for their results or taking a run over once its claimant has died ({@link LeaseClaims}). Immutable: each step
 * returns a new sweep. Over 300 lines because the axes ({@code Sweep.innerSteps(...)} etc.) are made here, where
 * Tab after {@code Sweep.} finds them.
 */
public final class Sweep {
    private final Settings base;
    private final List<SweepAxis> axes;
    private final Path store;
    private final int parallel;
    private final int checkpointEvery;
    private final List<SweepListener> listeners;

    Sweep(Settings base) {
        this(base, List.of(), RunStore.DEFAULT, 1, 0, List.of());
    }

    private Sweep(Settings base, List<SweepAxis> axes, Path store, int parallel, int checkpointEvery,
                  List<SweepListener> listeners) {
        this.base = base;
        this.axes = List.copyOf(axes);
        this.store = store;
        this.parallel = parallel;
        this.checkpointEvery = checkpointEvery;
        this.listeners = List.copyOf(listeners);
    }

    /** Adds a setting to vary; with several, every combination runs. */
    public Sweep vary(SweepAxis axis) {
        Rules.SWEEP_AXIS.check(axis);
        List<SweepAxis> more = new ArrayList<>(axes);
        more.add(axis);
        List<SweepAxis.Field> seen = new ArrayList<>();
        for (SweepAxis a : more) {
            for (SweepAxis.Field f : a.fields()) {
                if (seen.contains(f)) {
                    throw new IllegalArgumentException("vary: " + f.column() + " is varied twice; give all its "
                            + "values in one axis");
                }
                seen.add(f);
            }
        }
        return new Sweep(base, more, store, parallel, checkpointEvery, listeners);
    }

    /** The run store's folder (default {@code runs/} under the working directory). */
    public Sweep store(Path folder) {
        return new Sweep(base, axes, Rules.SWEEP_STORE.check(folder), parallel, checkpointEvery, listeners);
    }

    /** {@code runs} runs at once, each single-threaded (default 1: one run at a time on every core). */
    public Sweep parallel(int runs) {
        return new Sweep(base, axes, store, Rules.SWEEP_PARALLEL.check(runs), checkpointEvery, listeners);
    }

    /** Checkpoint interval of every run in meta-iterations (default: a twentieth of the run). */
    public Sweep checkpointEvery(int iterations) {
        return new Sweep(base, axes, store, parallel, Rules.CHECKPOINT_EVERY.check(iterations), listeners);
    }

    /** A subscriber to the progress of the runs, e.g. a notebook's live display: {@code listener(sweepDisplay("x"))}. */
    public Sweep listener(SweepListener listener) {
        List<SweepListener> more = new ArrayList<>(listeners);
        more.add(Rules.LISTENER.check(listener));
        return new Sweep(base, axes, store, parallel, checkpointEvery, more);
    }

    /** The runs of this sweep, in table order (the last axis varies fastest). */
    public List<RunPoint> points() {
        List<List<SweepAxis.Assignment>> combos = new ArrayList<>();
        combos.add(List.of());
        for (SweepAxis axis : axes) {
            List<List<SweepAxis.Assignment>> next = new ArrayList<>();
            for (List<SweepAxis.Assignment> c : combos) {
                for (int i = 0; i < axis.size(); i++) {
                    List<SweepAxis.Assignment> longer = new ArrayList<>(c);
                    longer.addAll(axis.point(i));
                    next.add(longer);
                }
            }
            combos = next;
        }
        List<RunPoint> points = new ArrayList<>();
        for (int i = 0; i < combos.size(); i++) {
            points.add(new RunPoint(i, combos.get(i)));
        }
        return points;
    }

    /** The unit of work shipped to executors: base settings + store; {@code job.run(point, workers)} is one row. */
    public SweepJob job() {
        return new SweepJob(base, RunStore.at(store), checkpointEvery);
    }

    /**
     * How long training the runs not finished yet would take here, measured now from a few meta-iterations of each
     * (nothing is stored); print it before a long {@link #run()}.
     */
    public SweepEstimate estimate() {
        return SweepEstimate.of(job(), points(), parallel);
    }

    /** The run store this sweep reads and writes. */
    public RunStore runStore() {
        return RunStore.at(store);
    }

    /**
     * Runs every point not finished yet (resuming unfinished ones) with the local executor and returns the table:
     * one row per run, in {@link #points()} order. All points are resolved and checked first, so a bad
     * combination fails before anything runs.
     */
    public Table run() {
        return run(parallel > 1 ? SweepExecutor.parallel(parallel) : SweepExecutor.sequential());
    }

    /** As {@link #run()} with another executor. */
    public Table run(SweepExecutor executor) {
        SweepListener events = SweepListener.all(listeners);
        SweepJob job = job().reporting(events);
        List<RunPoint> points = points();
        Map<String, RunPoint> keys = new HashMap<>();
        List<Long> budgets = new ArrayList<>();
        for (RunPoint p : points) {
            Resolved resolved = job.resolve(p);
            budgets.add(resolved.plan().metaIterations());
            String key = RunStore.key(resolved.identity());
            RunPoint other = keys.put(key, p);
            if (other != null) { // one run folder for two points: they would write one checkpoint at once
                throw new IllegalArgumentException("vary: " + other + " and " + p + " are the same run (the varied "
                        + "values change nothing the run computes)");
            }
        }
        events.started(SweepListener.Plan.sweep(budgets));
        boolean completed = false;
        try {
            List<SweepRow> rows = executor.execute(points, job);
            job.reportRest(rows);
            completed = true;
            return SweepTable.of("sweep", rows);
        } finally {
            events.finished(completed);
        }
    }

    /**
     * This sweep searched by asynchronous successive halving instead of trained in full: rungs at
     * {@code minIterations}, {@code minIterations * eta}, ... up to each run's budget, the top 1/eta of each rung
     * resumed to the next ({@code sweep.halving(3, 100).run()}); see {@link HalvingSearch}.
     */
    public HalvingSearch halving(int eta, long minIterations) {
        return new HalvingSearch(points(), base, RunStore.at(store), parallel, checkpointEvery, eta, minIterations,
                listeners);
    }

    /**
     * The best row of a sweep or search table by {@code metric}: the highest accuracy or lowest loss (e.g.
     * {@code Sweep.best(table, "accuracy")}); in a halving table only runs that reached their full budget compete.
     */
    public static Table best(Table table, String metric) {
        return BestRun.of(table, metric);
    }

    /** e.g. {@code sweep of reptile on sine ...: innerSteps in [1, 2], 2 runs, store runs}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        axes.forEach(a -> parts.add(a.toString()));
        return "sweep of " + Resolver.describe(base) + ": "
                + (parts.isEmpty() ? "nothing varied" : String.join("; ", parts)) + ", " + points().size()
                + " run(s), store " + store + (parallel > 1 ? ", " + parallel + " at once" : "");
    }

    // ---- axes: Sweep.innerSteps(1, 2, 4) etc. (Tab-complete on "Sweep.") ----

    /** Inner optimizer steps per task, k. */
    public static SweepAxis innerSteps(int... values) {
        return SweepAxis.of(SweepAxis.Field.INNER_STEPS, Rules.INNER_STEPS, boxed(values));
    }

    /** Samples per inner mini-batch. */
    public static SweepAxis innerBatch(int... values) {
        return SweepAxis.of(SweepAxis.Field.INNER_BATCH, Rules.INNER_BATCH, boxed(values));
    }

    /** Inner plain-SGD learning rates. */
    public static SweepAxis innerSgd(double... values) {
        return SweepAxis.of(SweepAxis.Field.INNER_SGD, Rules.INNER_SGD, Arrays.stream(values).boxed().toList());
    }

    /** Inner Adam (beta1 = 0) learning rates. */
    public static SweepAxis innerAdam(double... values) {
        return SweepAxis.of(SweepAxis.Field.INNER_ADAM, Rules.INNER_ADAM, Arrays.stream(values).boxed().toList());
    }

    /** Starting outer step sizes, each annealed linearly to 0 (as every paper run). */
    public static SweepAxis metaStep(double... starts) {
        return SweepAxis.of(SweepAxis.Field.META_STEP, Rules.META_STEP, Arrays.stream(starts).boxed().toList());
    }

    /** Tasks per meta-iteration, n. */
    public static SweepAxis metaBatch(int... values) {
        return SweepAxis.of(SweepAxis.Field.META_BATCH, Rules.META_BATCH, boxed(values));
    }

    /** Meta-iterations, M. */
    public static SweepAxis metaIterations(long... values) {
        return SweepAxis.of(SweepAxis.Field.META_ITERATIONS, Rules.META_ITERATIONS,
                LongStream.of(values).boxed().toList());
    }

    /** Images per class in a training task (classification). */
    public static SweepAxis trainShots(int... values) {
        return SweepAxis.of(SweepAxis.Field.TRAIN_SHOTS, Rules.TRAIN_SHOTS, boxed(values));
    }

    /** Seeds: repeats of each setting. */
    public static SweepAxis seeds(long... values) {
        return SweepAxis.of(SweepAxis.Field.SEED, Rules.SEED, LongStream.of(values).boxed().toList());
    }

    /** Algorithms: {@code algorithms(reptile(), fomaml(), fomamlSeparate(5), maml())}. */
    public static SweepAxis algorithms(SweepAxis.AlgorithmChoice... values) {
        return SweepAxis.of(SweepAxis.Field.ALGORITHM, null, Arrays.asList(values));
    }

    /** Names for the points of a {@link #together} axis (a "label" column; changes no setting). */
    public static SweepAxis labels(String... values) {
        return SweepAxis.of(SweepAxis.Field.LABEL, null, Arrays.asList(values));
    }

    /**
     * {@code n} distinct points drawn from ranges with {@code seed}, as one axis (settings varied together), e.g.
     * {@code vary(Sweep.sample(27, 1, Sweep.logUniform("innerAdam", 1e-4, 1e-2), Sweep.integers("innerSteps", 1,
     * 10)))}; combine with grid axes by further {@code vary} calls. Same seed, same points.
     */
    public static SweepAxis sample(int n, long seed, SampledAxis... ranges) {
        return SampledAxis.sample(n, seed, ranges);
    }

    /** A range uniform on [lo, hi) of a real setting, for {@link #sample}. */
    public static SampledAxis uniform(String setting, double lo, double hi) {
        return SampledAxis.uniform(setting, lo, hi);
    }

    /** A range uniform in the logarithm on [lo, hi), lo > 0, for {@link #sample}. */
    public static SampledAxis logUniform(String setting, double lo, double hi) {
        return SampledAxis.logUniform(setting, lo, hi);
    }

    /** The integers of [lo, hi], for {@link #sample}. */
    public static SampledAxis integers(String setting, long lo, long hi) {
        return SampledAxis.integers(setting, lo, hi);
    }

    /** One of the values, for {@link #sample}. */
    public static SampledAxis choice(String setting, Object... values) {
        return SampledAxis.choice(setting, values);
    }

    /** Axes of equal length varied in step: point i takes value i of each (not a grid). */
    public static SweepAxis together(SweepAxis... axes) {
        return SweepAxis.together(axes);
    }

    public static SweepAxis.AlgorithmChoice reptile() {
        return new SweepAxis.AlgorithmChoice(Settings.Algorithm.REPTILE, 0);
    }

    /** First-order MAML, shared tail. */
    public static SweepAxis.AlgorithmChoice fomaml() {
        return new SweepAxis.AlgorithmChoice(Settings.Algorithm.FOMAML, 0);
    }

    /** First-order MAML whose final batch holds out {@code perClass} samples per class. */
    public static SweepAxis.AlgorithmChoice fomamlSeparate(int perClass) {
        return new SweepAxis.AlgorithmChoice(Settings.Algorithm.FOMAML, Rules.SEPARATE_TAIL.check(perClass));
    }

    /** Second-order MAML (needs innerSgd). */
    public static SweepAxis.AlgorithmChoice maml() {
        return new SweepAxis.AlgorithmChoice(Settings.Algorithm.MAML, 0);
    }

    /** Joint training. */
    public static SweepAxis.AlgorithmChoice joint() {
        return new SweepAxis.AlgorithmChoice(Settings.Algorithm.JOINT, 0);
    }

    private static List<Integer> boxed(int[] values) {
        return IntStream.of(values).boxed().toList();
    }
}
