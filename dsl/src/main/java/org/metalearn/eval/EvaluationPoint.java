package org.metalearn.eval;

/**
 * One evaluation made during training, after meta-iteration {@code iteration}: the mean loss over the test tasks
 * (regression; NaN for classification, whose evaluator counts answers instead of losses), the accuracy in [0, 1]
 * (classification; NaN for regression) and the 95 % interval of whichever of the two is measured, from the spread
 * over tasks.
 */
public record EvaluationPoint(long iteration, double loss, double accuracy, double ci95) {
}
