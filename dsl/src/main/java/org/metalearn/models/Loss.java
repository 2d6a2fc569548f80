package org.metalearn.models;

/** Losses of the dense nets, with the reductions the paper's code uses. */
public enum Loss {
    /** Mean over samples and outputs of the squared error (the sine demo's MSE). */
    MEAN_SQUARED_ERROR,
    /** Softmax cross-entropy summed over the batch (the official code's vector loss, docs/paper.md#loss). */
    SOFTMAX_CROSS_ENTROPY_SUM
}
