package org.metalearn.dsl;

import java.io.Serializable;

/**
 * Evaluation during training ({@code evaluateEvery(every, tasks)}): the meta-parameters are evaluated on
 * {@code tasks} test tasks every {@code every} meta-iterations and after the last one; {@code every} 0 means only
 * after the last one (what a sweep adds to a spec without its own schedule, for the run's final metrics).
 */
public record EvaluationSchedule(long every, int tasks) implements Serializable {
    public EvaluationSchedule {
        if (every < 0) {
            throw new IllegalArgumentException("evaluateEvery must be >= 0, got " + every);
        }
        Rules.EVALUATE_TASKS.check(tasks);
    }

    /** Only after the last meta-iteration. */
    static EvaluationSchedule atEnd(int tasks) {
        return new EvaluationSchedule(0, tasks);
    }

    @Override
    public String toString() {
        return (every == 0 ? "at the end" : "every " + every) + " on " + tasks + " tasks";
    }
}
