package org.metalearn.models;

import org.metalearn.tasks.Batch;

/**
 * A differentiable model whose trainable parameters are one flat float vector. Meta-learning
 * algorithms only see this vector and its gradient; non-trainable state (e.g. batch-norm running
 * statistics) stays inside the implementation and is never interpolated.
 */
public interface Learner {

    int parameterCount();

    /** Copies the trainable parameters into {@code dst} (length {@link #parameterCount()}). */
    void getParameters(float[] dst);

    /** Replaces the trainable parameters with {@code src}. */
    void setParameters(float[] src);

    /**
     * Loss on the batch at the current parameters; writes its gradient with respect to the trainable
     * parameters (same order as {@link #getParameters}) into {@code gradient}.
     */
    double lossAndGradient(Batch batch, float[] gradient);

    /** Model outputs for {@code rows} inputs (row-major), {@code rows * outputWidth} values. */
    float[] predict(float[] inputs, int rows);

    /** Loss on the batch at the current parameters, without a gradient. */
    double loss(Batch batch);

    /**
     * Lends the next computations of this learner up to {@code cores} cores (default 1: one task per core; see
     * {@link CoreLending}). Only a learner that computes the same bits on any count takes them up; the default ignores
     * them, so callers may lend whatever cores are idle without changing results.
     */
    default void lendCores(int cores) {
        CoreLending.check(cores);
    }

    /** An independent learner with the same architecture and parameters. */
    Learner copy();

    default float[] parameters() {
        float[] p = new float[parameterCount()];
        getParameters(p);
        return p;
    }

    /** For implementations that hold a flat vector: copies {@code src} into {@code params}, refusing another length. */
    static void copyParameters(float[] src, float[] params) {
        if (src.length != params.length) {
            throw new IllegalArgumentException("expected " + params.length + " parameters, got " + src.length);
        }
        System.arraycopy(src, 0, params, 0, params.length);
    }
}
