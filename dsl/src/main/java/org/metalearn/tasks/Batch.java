package org.metalearn.tasks;

/**
 * A mini-batch of {@code size} samples, stored row-major: row {@code r} of the inputs is
 * {@code inputs[r*inputWidth .. (r+1)*inputWidth)}; targets likewise (regression values or one-hot labels).
 */
public record Batch(float[] inputs, float[] targets, int size) {

    public Batch {
        if (size <= 0) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + size);
        }
        if (inputs.length % size != 0 || targets.length % size != 0) {
            throw new IllegalArgumentException("inputs (" + inputs.length + ") and targets (" + targets.length
                    + ") must both hold a whole number of rows for " + size + " samples");
        }
    }

    public int inputWidth() {
        return inputs.length / size;
    }

    public int targetWidth() {
        return targets.length / size;
    }

    @Override
    public String toString() {
        return "Batch[" + size + " rows of " + inputWidth() + " inputs]";
    }
}
