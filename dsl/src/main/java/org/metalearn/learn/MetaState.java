package org.metalearn.learn;

import org.apache.commons.rng.RestorableUniformRandomProvider;

/**
 * The mutable state of a meta-training run: meta-parameters, the inner optimizer (with its carried-over
 * state), the number of finished iterations and the random streams. Everything a checkpoint must hold.
 */
public final class MetaState {
    private final float[] theta;
    private final InnerOptimizer optimizer;
    private final OuterOptimizer outer;
    private long iteration;
    private final RestorableUniformRandomProvider taskRng;
    private final RestorableUniformRandomProvider batchRng;
    private double elapsedSeconds;

    public MetaState(float[] theta, InnerOptimizer optimizer, OuterOptimizer outer, long iteration,
                     RestorableUniformRandomProvider taskRng, RestorableUniformRandomProvider batchRng) {
        this.theta = theta;
        this.optimizer = optimizer;
        this.outer = outer;
        this.iteration = iteration;
        this.taskRng = taskRng;
        this.batchRng = batchRng;
    }

    /** The live meta-parameters (mutated by training). */
    public float[] theta() {
        return theta;
    }

    public InnerOptimizer optimizer() {
        return optimizer;
    }

    public OuterOptimizer outer() {
        return outer;
    }

    public long iteration() {
        return iteration;
    }

    void advance() {
        iteration++;
    }

    /** Training wall time accumulated over all sessions of this run (survives resume). */
    public double elapsedSeconds() {
        return elapsedSeconds;
    }

    void addElapsedSeconds(double seconds) {
        elapsedSeconds += seconds;
    }

    public RestorableUniformRandomProvider taskRng() {
        return taskRng;
    }

    public RestorableUniformRandomProvider batchRng() {
        return batchRng;
    }
}
