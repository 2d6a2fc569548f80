package org.metalearn.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The decisions of asynchronous successive halving (ASHA): whenever a worker is free, promote the best run of the
 * highest rung that has one in the top 1/eta of that rung's finished runs and not promoted yet, else start the next
 * new run (in sweep order), else nothing; when nothing runs and nothing is left, the best run of the highest rung
 * that sent none on goes on, so a search always reaches a full budget. Runs are numbers 0..n-1; run i has {@code levels[i]} rungs (the last at
 * its full budget). A score is higher-better (NaN worst); ties go to the lower run number. It is a pure function of
 * the calls made on it, so the same completions in the same order give the same decisions; it never trains
 * anything (the search loop does), which lets a test drive it with made-up runs.
 */
public final class AshaScheduler {
    /** Train run {@code run} up to its rung {@code level} (0: a new run). */
    public record Decision(int run, int level) {
    }

    private final int[] levels;
    private final int eta;
    /** scores[run][level], NaN where not finished ({@code done} says which are). */
    private final double[][] scores;
    private final boolean[][] done;
    /** Highest rung each run was sent to, -1 if not started. */
    private final int[] started;
    private int nextNew;
    private int running;

    public AshaScheduler(int[] levels, int eta) {
        if (eta < 2) {
            throw new IllegalArgumentException("eta must be >= 2, got " + eta);
        }
        for (int l : levels) {
            if (l < 1) {
                throw new IllegalArgumentException("levels must be >= 1, got " + Arrays.toString(levels));
            }
        }
        this.levels = levels.clone();
        this.eta = eta;
        this.scores = new double[levels.length][];
        this.done = new boolean[levels.length][];
        for (int r = 0; r < levels.length; r++) {
            scores[r] = new double[levels[r]];
            Arrays.fill(scores[r], Double.NaN);
            done[r] = new boolean[levels[r]];
        }
        this.started = new int[levels.length];
        Arrays.fill(started, -1);
    }

    /** The decision {@link #next} would make now, or null if there is nothing to do until a run finishes. */
    public Decision peek() {
        int top = 0;
        for (int l : levels) {
            top = Math.max(top, l);
        }
        for (int level = top - 2; level >= 0; level--) {
            List<Integer> ranked = ranked(level);
            for (int i = 0; i < ranked.size() / eta; i++) {
                int run = ranked.get(i);
                if (level + 1 < levels[run] && started[run] == level) {
                    return new Decision(run, level + 1);
                }
            }
        }
        if (nextNew < levels.length) {
            return new Decision(nextNew, 0);
        }
        return running == 0 ? lastResort(top) : null;
    }

    /**
     * With nothing running and nothing left by the rule, the best run of the highest rung that sent none on
     * (a rung that finished fewer than eta runs promotes none by the rule), so the search always ends with a run at
     * its full budget, as synchronous successive halving keeps at least one run per rung.
     */
    private Decision lastResort(int top) {
        for (int level = top - 2; level >= 0; level--) {
            List<Integer> ranked = ranked(level);
            if (ranked.isEmpty()) {
                continue;
            }
            for (int run : ranked) {
                if (started[run] > level) {
                    return null; // this rung sent a run on already: the search went as far as the rule allows
                }
            }
            for (int run : ranked) {
                if (level + 1 < levels[run]) {
                    return new Decision(run, level + 1);
                }
            }
            return null;
        }
        return null;
    }

    /** Makes the next decision and counts it as running; null if there is none now. */
    public Decision next() {
        Decision d = peek();
        if (d != null) {
            if (d.level() == 0) {
                nextNew++;
            }
            started[d.run()] = d.level();
            running++;
        }
        return d;
    }

    /** Run {@code run} finished rung {@code level} (a decision made before) with {@code score}. */
    public void completed(int run, int level, double score) {
        if (run < 0 || run >= levels.length || started[run] != level || done[run][level]) {
            throw new IllegalStateException("run " + run + " was not sent to rung " + level);
        }
        scores[run][level] = score;
        done[run][level] = true;
        running--;
    }

    /** Whether the search is over: nothing running and nothing to start. */
    public boolean finished() {
        return running == 0 && peek() == null;
    }

    /** Runs sent to a rung and not finished there yet. */
    public int running() {
        return running;
    }

    /** The highest rung run {@code run} finished, -1 if none. */
    public int lastLevel(int run) {
        int last = -1;
        for (int l = 0; l < levels[run]; l++) {
            if (done[run][l]) {
                last = l;
            }
        }
        return last;
    }

    /** Why run {@code run} stopped where it is, e.g. "full budget" or "below the top 1/3 at rung 2". */
    public String stopReason(int run) {
        int last = lastLevel(run);
        if (started[run] < 0) {
            return "not started";
        }
        if (started[run] > last) {
            return "running";
        }
        return last == levels[run] - 1 ? "full budget" : "below the top 1/" + eta + " at rung " + (last + 1);
    }

    /** The finished runs of a rung, best first. */
    private List<Integer> ranked(int level) {
        List<Integer> runs = new ArrayList<>();
        for (int r = 0; r < levels.length; r++) {
            if (level < levels[r] && done[r][level]) {
                runs.add(r);
            }
        }
        Comparator<Integer> byScore = Comparator.comparingDouble(
                r -> Double.isNaN(scores[r][level]) ? Double.NEGATIVE_INFINITY : scores[r][level]);
        runs.sort(byScore.reversed().thenComparing(Comparator.naturalOrder()));
        return runs;
    }
}
