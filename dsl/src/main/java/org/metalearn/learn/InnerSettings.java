package org.metalearn.learn;

/** How one task's inner loop draws its data: k steps of mini-batches, with or without replacement. */
public record InnerSettings(int steps, int batchSize, boolean replacement) {
    public InnerSettings {
        if (steps < 1) {
            throw new IllegalArgumentException("innerSteps must be >= 1, got " + steps);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("innerBatch must be >= 1, got " + batchSize);
        }
    }
}
