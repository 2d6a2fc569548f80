package org.metalearn.learn;

/** Mini-batch losses seen by one task's inner loop: at its first step (before adaptation) and its last. */
public record TaskLosses(double first, double last) {
}
