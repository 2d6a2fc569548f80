package org.metalearn.learn;

/**
 * What the trainer reports after each meta-iteration (1-based {@code iteration} of {@code total}):
 * mean first-step and last-step inner losses over the meta-batch, the outer step used, wall time so far.
 */
public record IterationReport(long iteration, long total, double loss, double adaptedLoss, double metaStep,
                              double elapsedSeconds) {
}
