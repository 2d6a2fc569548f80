package org.metalearn.dsl;

import java.io.Serializable;
import org.metalearn.eval.PeriodicEvaluator;

/**
 * Evaluation during training: the meta-parameters are evaluated on {@code tasks} test tasks at the meta-iterations
 * the schedule names and after the last one. With {@code factor} 1 ({@code evaluateEvery(every, tasks)}) those are
 * the multiples of {@code every}; with a factor of 2 or more ({@code evaluateGeometric(every, factor, tasks)}) they
 * are {@code every}, {@code every * factor}, {@code every * factor^2}, ... (those at least a factor
 * sqrt(factor) short of the end), as a halving search's rungs are, so a
 * long run pays for a few evaluations rather than one every {@code every}. {@code every} 0 means only after the last
 * one (what a sweep adds to a spec without its own schedule, for the run's final metrics).
 */
public record EvaluationSchedule(long every, int tasks, int factor) implements Serializable {
    public EvaluationSchedule {
        if (every < 0) {
            throw new IllegalArgumentException("evaluateEvery must be >= 0, got " + every);
        }
        Rules.EVALUATE_TASKS.check(tasks);
        if (factor != 1) { // 1: every multiple of every; a geometric schedule grows by 2 or more
            Rules.EVALUATE_FACTOR.check(factor);
        }
    }

    /** Every {@code every} meta-iterations. */
    public EvaluationSchedule(long every, int tasks) {
        this(every, tasks, 1);
    }

    /** Only after the last meta-iteration. */
    static EvaluationSchedule atEnd(int tasks) {
        return new EvaluationSchedule(0, tasks);
    }

    /** Whether meta-iteration {@code iteration} of a run of {@code total} is evaluated. */
    public boolean due(long iteration, long total) {
        return PeriodicEvaluator.due(iteration, total, every, factor);
    }

    @Override
    public String toString() {
        if (every == 0) {
            return "at the end on " + tasks + " tasks";
        }
        return (factor == 1 ? "every " + every : "at " + every + " x " + factor + "^k") + " on " + tasks + " tasks";
    }
}
