package org.metalearn.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.metalearn.dsl.SweepStatus.State;

/**
 * The state of a running sweep or halving search as a live display shows it: runs at their full budget, training,
 * stopped early and not started, how many reached each rung, the best metric so far, the time spent and an estimate
 * of the time left. Kept apart from any display so that a test can drive it with made-up events and a clock.
 *
 * <p>The estimate counts work in meta-iterations: the planned total (every run's budget for a sweep; for halving,
 * the runs a rung sends on, 1/eta of the previous rung's, times the iterations between the rungs) minus the work
 * reached so far, at the rate of the work trained since the start (results read back from the run store count as
 * done, not as speed). Asynchronous halving can promote a few more runs than the plan; the estimate then grows.
 */
public final class SweepProgress implements SweepListener {
    private final LongSupplier nanos;
    private List<long[]> rungs = List.of();
    private boolean halving;
    private int[] lastLevel = new int[0];
    private final Map<Integer, Integer> training = new HashMap<>();
    private double planned;
    private double done;
    private double trained;
    private SweepRow best;
    private int bestLevel = -1;
    private boolean bestAtBudget;
    private long startNanos;
    private long endNanos;
    private State state = State.NOT_STARTED;

    /** On the system clock. */
    public SweepProgress() {
        this(System::nanoTime);
    }

    /** {@code nanos}: the clock of the elapsed time and the estimate (a test passes a fake one). */
    public SweepProgress(LongSupplier nanos) {
        this.nanos = nanos;
    }

    @Override
    public synchronized void started(Plan plan) {
        rungs = plan.rungs();
        halving = plan.eta() > 0;
        lastLevel = new int[rungs.size()];
        Arrays.fill(lastLevel, -1);
        training.clear();
        planned = plannedWork(rungs, plan.eta());
        done = 0;
        trained = 0;
        best = null;
        bestLevel = -1;
        bestAtBudget = false;
        startNanos = nanos.getAsLong();
        state = State.RUNNING;
    }

    @Override
    public synchronized void training(int run, int level) {
        training.put(run, level);
    }

    @Override
    public synchronized void reached(int run, int level, SweepRow row, boolean stored) {
        training.remove(run);
        lastLevel[run] = Math.max(lastLevel[run], level);
        double work = work(rungs.get(run), level);
        done += work;
        if (!stored) {
            trained += work;
        }
        double score = SearchCoordinator.score(row);
        if (Double.isNaN(score)) {
            return; // a diverged run is never the best
        }
        boolean atBudget = level == rungs.get(run).length - 1;
        // the best at full budget; until a run is there, the best at the highest rung reached
        boolean better;
        if (best == null) {
            better = true;
        } else if (atBudget != bestAtBudget) {
            better = atBudget;
        } else if (!atBudget && level != bestLevel) {
            better = level > bestLevel;
        } else {
            better = score > SearchCoordinator.score(best);
        }
        if (better) {
            best = row;
            bestLevel = level;
            bestAtBudget = atBudget;
        }
    }

    @Override
    public synchronized void finished(boolean completed) {
        training.clear();
        endNanos = nanos.getAsLong();
        state = completed ? State.DONE : State.STOPPED;
    }

    /** What the display shows now. */
    public synchronized SweepStatus status() {
        int full = 0;
        int stopped = 0;
        int waiting = 0;
        int top = 0;
        for (long[] r : rungs) {
            top = Math.max(top, r.length);
        }
        int[] reached = new int[top];
        for (int run = 0; run < lastLevel.length; run++) {
            for (int l = 0; l <= lastLevel[run]; l++) {
                reached[l]++;
            }
            if (training.containsKey(run)) {
                continue;
            }
            if (lastLevel[run] == rungs.get(run).length - 1) {
                full++;
            } else if (lastLevel[run] >= 0) {
                stopped++;
            } else {
                waiting++;
            }
        }
        double elapsed = switch (state) {
            case NOT_STARTED -> 0;
            case RUNNING -> (nanos.getAsLong() - startNanos) / 1e9;
            case DONE, STOPPED -> (endNanos - startNanos) / 1e9;
        };
        double runningWork = 0;
        for (Map.Entry<Integer, Integer> e : training.entrySet()) {
            runningWork += work(rungs.get(e.getKey()), e.getValue());
        }
        double remaining = state == State.DONE ? 0 : Math.max(planned - done, runningWork);
        double rate = elapsed > 0 ? trained / elapsed : 0;
        double eta = state == State.DONE ? 0 : rate > 0 ? remaining / rate : Double.NaN;
        double fraction = done + remaining > 0 ? done / (done + remaining) : state == State.DONE ? 1 : 0;
        List<Long> rungIterations = new ArrayList<>();
        for (long[] r : rungs) {
            if (r.length == top) {
                Arrays.stream(r).forEach(rungIterations::add);
                break;
            }
        }
        List<Integer> reachedList = Arrays.stream(reached).boxed().toList();
        return new SweepStatus(state, halving, rungs.size(), full, training.size(), stopped, waiting, rungIterations,
                reachedList, best, bestLevel, bestAtBudget, elapsed, eta, fraction);
    }

    /** The status on one line. */
    @Override
    public String toString() {
        return status().line();
    }

    /** The meta-iterations trained between a run's rung {@code level} and the rung before it. */
    private static double work(long[] rungs, int level) {
        return rungs[level] - (level > 0 ? rungs[level - 1] : 0);
    }

    /**
     * The work a search is planned to train: every run to its first rung, then at each rung 1/eta of the runs of
     * the rung before (at most those with that many rungs), each for the iterations between the two rungs.
     */
    static double plannedWork(List<long[]> rungs, int eta) {
        double total = 0;
        int top = 0;
        for (long[] r : rungs) {
            total += work(r, 0);
            top = Math.max(top, r.length);
        }
        if (eta <= 0) {
            for (long[] r : rungs) { // a plain sweep trains every run to its budget
                total += r[r.length - 1] - r[0];
            }
            return total;
        }
        int count = rungs.size();
        for (int level = 1; level < top; level++) {
            double sum = 0;
            int eligible = 0;
            for (long[] r : rungs) {
                if (r.length > level) {
                    sum += work(r, level);
                    eligible++;
                }
            }
            count = Math.min(eligible, count / eta);
            if (count == 0) {
                break;
            }
            total += count * sum / eligible;
        }
        return total;
    }
}
