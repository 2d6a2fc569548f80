package org.metalearn.dsl;

import static org.metalearn.dsl.Settings.Key;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.metalearn.eval.PeriodicEvaluator;
import org.metalearn.util.Workers;
import tech.tablesaw.api.Table;

/**
 * A sweep searched by asynchronous successive halving (ASHA), from {@code sweep.halving(eta, minIterations)}:
 * each run is trained to rungs at {@code minIterations}, {@code minIterations * eta}, ... and finally its own
 * budget ({@code metaIterations}); at every rung only the top 1/eta of the runs finished there go on, and a free
 * worker never waits for a rung to fill (see {@link AshaScheduler}). A run at a rung is the sweep's run itself
 * stopped and checkpointed there, so promoting it resumes its checkpoint and a run that reaches its budget ends
 * exactly as if trained straight through (its outer step annealed over the full budget from the start).
 *
 * <p>A rung's metric is the run's evaluation during training at that iteration: by default at the rungs only
 * ({@code evaluateGeometric(minIterations, eta, tasks)}) on {@link SweepJob#DEFAULT_EVALUATION_TASKS} tasks; a
 * spec's own schedule (e.g. that with more tasks, or {@code evaluateEvery} for a denser curve) must evaluate every
 * rung. Decisions and results are
 * journalled in the run store: a stopped or killed search run again replays them and goes on (see docs/sweeps.md
 * for what is and is not the same with several runs at once).
 */
public final class HalvingSearch {
    static final Rule ETA = Rule.atLeast("eta", 2);
    static final Rule MIN_ITERATIONS = Rule.atLeast("minIterations", 1);

    private final List<RunPoint> points;
    private final RungJob rungJob;
    private final int parallel;
    private final int eta;
    private final long minIterations;
    private final List<SweepListener> listeners;

    HalvingSearch(List<RunPoint> points, Settings base, RunStore store, int parallel, int checkpointEvery, int eta,
                  long minIterations, List<SweepListener> listeners) {
        ETA.check(eta);
        MIN_ITERATIONS.check(minIterations);
        EvaluationSchedule during = base.get(Key.EVALUATE_EVERY);
        if (during == null) { // the rungs and nothing else: an evaluation costs as much as many meta-iterations
            base = base.with(Key.EVALUATE_EVERY, new EvaluationSchedule(minIterations,
                    SweepJob.DEFAULT_EVALUATION_TASKS, eta));
        }
        this.points = points;
        this.rungJob = new RungJob(new SweepJob(base, store, checkpointEvery), checkpointEvery);
        this.parallel = parallel;
        this.eta = eta;
        this.minIterations = minIterations;
        this.listeners = List.copyOf(listeners);
        if (during != null) {
            checkEvaluated(during);
        }
    }

    /** A spec's own schedule must evaluate every rung of every run (a rung's metric is that evaluation). */
    private void checkEvaluated(EvaluationSchedule during) {
        for (long[] runRungs : rungs()) {
            long budget = runRungs[runRungs.length - 1];
            for (long rung : runRungs) {
                if (!during.due(rung, budget)) {
                    throw new IllegalArgumentException("halving: the spec's evaluation (" + during + ") skips rung "
                            + rung + " (rungs " + Arrays.toString(runRungs) + "); use evaluateGeometric(" + minIterations
                            + ", " + eta + ", tasks) to evaluate the rungs only, or an evaluateEvery that divides "
                            + "minIterations");
                }
            }
        }
    }

    /**
     * The rungs of a run of {@code budget} meta-iterations: min, min*eta, ... and then the budget, leaving out a
     * rung closer to the budget than a factor sqrt(eta) (the budget rounded to a power of eta in log space): 2,997
     * of 3,000 (from 111, eta 3) would cost an evaluation and decide nothing the budget's rung does not, while 1,800
     * of 5,000 stays.
     */
    static long[] rungs(long budget, long minIterations, int eta) {
        List<Long> rungs = new ArrayList<>();
        for (long r = minIterations; r < budget && PeriodicEvaluator.roomBeforeEnd(r, budget, eta);
             r = Math.multiplyExact(r, eta)) {
            rungs.add(r);
        }
        rungs.add(budget);
        return rungs.stream().mapToLong(Long::longValue).toArray();
    }

    /** The rungs (meta-iterations) of every run, in sweep order. */
    public List<long[]> rungs() {
        List<long[]> all = new ArrayList<>();
        for (RunPoint p : points) {
            all.add(rungs(rungJob.job().resolve(p).plan().metaIterations(), minIterations, eta));
        }
        return all;
    }

    /** The runs of the search, in table order. */
    public List<RunPoint> points() {
        return points;
    }

    /**
     * Runs the search to its end (resuming a stopped one) with {@code parallel} workers and returns its table: one
     * row per run with its settings, its metric at each rung, why it stopped, and the values at its last rung.
     */
    public Table run() {
        return run(parallel > 1 ? SweepExecutor.parallel(parallel) : SweepExecutor.sequential());
    }

    /**
     * As {@link #run()} with the rungs trained by {@code executor} (e.g. on Spark, which gives as many at once as the
     * cluster runs tasks): the decisions stay in this JVM, one thread per slot of the executor takes the next and
     * waits for its rung. A rung that fails stops the handing out of decisions; the rungs in progress finish
     * (and are journalled), then the failure is thrown.
     */
    public Table run(SweepExecutor executor) {
        RungTrainer trainer = executor.rungs(this); // before the journal: an executor's refusal leaves no trace
        int slots = trainer.slots();
        if (slots < 1) {
            throw new IllegalStateException("halving: " + executor + " offers " + slots + " slots; it must offer >= 1");
        }
        SearchCoordinator coordinator = coordinator();
        List<long[]> rungs = rungs();
        SweepListener events = SweepListener.all(listeners);
        events.started(new SweepListener.Plan(rungs, eta));
        for (int run = 0; run < rungs.size(); run++) { // the results of an earlier session, from the journal
            for (int level = 0; level < rungs.get(run).length && coordinator.row(run, level) != null; level++) {
                events.reached(run, level, coordinator.row(run, level), true);
            }
        }
        boolean completed = false;
        try {
            Workers.run("search", Math.max(1, Math.min(slots, points.size())), w -> {
                try {
                    for (AshaScheduler.Decision d = coordinator.take(); d != null; d = coordinator.take()) {
                        RunPoint point = points.get(d.run());
                        boolean stored = rungJob.stored(point);
                        if (!stored) {
                            events.training(d.run(), d.level());
                        }
                        SweepRow row = trainer.train(point, rungs.get(d.run())[d.level()]);
                        coordinator.completed(d, row);
                        events.reached(d.run(), d.level(), row, stored);
                    }
                } catch (RuntimeException | Error e) {
                    coordinator.failed();
                    throw e;
                }
            });
            completed = true;
        } finally {
            events.finished(completed);
        }
        return SearchTable.of(this, rungs, coordinator);
    }

    /**
     * The search's steps so far in the order they happened, read from its journal (nothing is run): one row per
     * rung result with the run, rung, its metric, the training seconds of the whole search up to it and the best
     * full-budget metric so far.
     */
    public Table history() {
        return SearchTable.history(this, coordinator());
    }

    /** The coordinator over this search's journal, every run resolved and checked first. */
    private SearchCoordinator coordinator() {
        List<String> keys = new ArrayList<>();
        Map<String, RunPoint> seen = new HashMap<>();
        for (RunPoint p : points) {
            String key = RunStore.key(rungJob.job().resolve(p).identity());
            RunPoint other = seen.put(key, p);
            if (other != null) {
                throw new IllegalArgumentException("vary: " + other + " and " + p + " are the same run (the varied "
                        + "values change nothing the run computes)");
            }
            keys.add(key);
        }
        int[] levels = rungs().stream().mapToInt(r -> r.length).toArray();
        String header = "halving eta=" + eta + " minIterations=" + minIterations + " runs=" + String.join(",", keys);
        return new SearchCoordinator(levels, eta, SearchJournal.open(rungJob.job().store(), header, points));
    }

    /** The rung job executors run: {@code job().runTo(point, iteration, workers)} is one rung's row. */
    public RungJob job() {
        return rungJob;
    }

    /** The run store this search reads and writes (its journal in {@code searches/}). */
    public RunStore runStore() {
        return rungJob.job().store();
    }

    /** Only the top 1/eta of the runs finished at a rung go on. */
    public int eta() {
        return eta;
    }

    /** The first rung, in meta-iterations. */
    public long minIterations() {
        return minIterations;
    }

    @Override
    public String toString() {
        return "halving search (eta " + eta + ", first rung " + minIterations + " meta-iterations) of " + points.size()
                + " run(s), " + parallel + " at once, " + rungJob.job().store();
    }
}
