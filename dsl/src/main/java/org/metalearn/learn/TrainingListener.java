package org.metalearn.learn;

/** Subscriber to the trainer's progress events (console bar, notebook display, curve recorder, ...). */
public interface TrainingListener {

    /** Training starts (or resumes) at iteration {@code first} (0-based) of {@code total}. */
    default void started(long first, long total) {
    }

    void iteration(IterationReport report);

    default void finished() {
    }
}
