package org.metalearn.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.metalearn.report.ProgressLine;

/**
 * What a live sweep display says at one moment ({@link SweepProgress#status()}), with its text: the runs by where
 * they are, the best so far, elapsed time and time left, and for halving how many runs reached each rung. One
 * place for the words, so that the notebook and a console say the same.
 *
 * @param runs         runs in the sweep
 * @param fullBudget   runs trained to their budget (a plain sweep: finished)
 * @param training     runs training now
 * @param stoppedEarly runs stopped below their budget by halving (a later promotion can take one on)
 * @param notStarted   runs not started yet
 * @param rungs        the rungs in meta-iterations (of the runs with the most)
 * @param reached      how many runs reached each rung
 * @param best         the best row so far (null: none yet), at {@code bestLevel}, at full budget or not
 * @param etaSeconds   time left, NaN while unknown
 * @param fraction     the work done, 0..1
 */
public record SweepStatus(State state, boolean halving, int runs, int fullBudget, int training, int stoppedEarly,
                          int notStarted, List<Long> rungs, List<Integer> reached, SweepRow best, int bestLevel,
                          boolean bestAtBudget, double elapsedSeconds, double etaSeconds, double fraction) {
    /** Where the sweep is. */
    public enum State { NOT_STARTED, RUNNING, DONE, STOPPED }

    public SweepStatus {
        rungs = List.copyOf(rungs);
        reached = List.copyOf(reached);
    }

    /** The runs by where they are, e.g. {@code 27 runs: 3 at full budget, 2 training, 18 stopped early}. */
    public String counts() {
        List<String> parts = new ArrayList<>();
        parts.add(fullBudget + (halving ? " at full budget" : " finished"));
        if (training > 0) {
            parts.add(training + " training");
        }
        if (stoppedEarly > 0) {
            parts.add(stoppedEarly + " stopped early");
        }
        if (notStarted > 0) {
            parts.add(notStarted + " not started");
        }
        return runs + (runs == 1 ? " run: " : " runs: ") + String.join(", ", parts);
    }

    /** The best so far, e.g. {@code best accuracy 91.20 % (innerAdam 0.00123, innerSteps 5)}. */
    public String bestText() {
        if (best == null) {
            return "best: none yet";
        }
        boolean accuracy = !Double.isNaN(best.accuracy());
        String value = accuracy ? String.format(Locale.ROOT, "accuracy %.2f %%", best.accuracy())
                : String.format(Locale.ROOT, "evalLoss %.4g", best.evalLoss());
        String where = bestAtBudget ? "" : " at rung " + (bestLevel + 1);
        List<String> settings = new ArrayList<>();
        for (Map.Entry<String, Object> e : best.settings().entrySet()) {
            settings.add(e.getKey() + " " + shown(e.getValue()));
        }
        return "best " + value + where + (settings.isEmpty() ? "" : " (" + String.join(", ", settings) + ")");
    }

    /** Time spent and left, e.g. {@code 0:01:12 elapsed, ETA 0:00:40}, or {@code done in 0:01:52}. */
    public String timeText() {
        String elapsed = ProgressLine.duration(elapsedSeconds);
        return switch (state) {
            case DONE -> "done in " + elapsed;
            case STOPPED -> "stopped after " + elapsed + " (run it again to resume)";
            default -> elapsed + " elapsed, ETA " + (Double.isNaN(etaSeconds) ? "?"
                    : ProgressLine.duration(etaSeconds));
        };
    }

    /** How many runs reached each rung (halving), e.g. {@code rungs reached: 27 at 30, 9 at 90 meta-iterations}. */
    public String rungsText() {
        List<String> parts = new ArrayList<>();
        for (int l = 0; l < rungs.size(); l++) {
            parts.add(reached.get(l) + " at " + rungs.get(l));
        }
        return "rungs reached: " + String.join(", ", parts) + " meta-iterations";
    }

    /** Everything on one line (a console, a notebook's plain text). */
    public String line() {
        String line = counts() + " · " + bestText() + " · " + timeText();
        return halving ? line + " · " + rungsText() : line;
    }

    private static String shown(Object value) {
        return value instanceof Double d ? String.format(Locale.ROOT, "%.3g", d) : String.valueOf(value);
    }
}
