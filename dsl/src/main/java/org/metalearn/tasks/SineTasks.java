package org.metalearn.tasks;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The toy regression family of Figure 1 (docs/paper.md#figure-1): f(x) = a sin(x + b), a ~ U[0.1, 5], b ~ U[0, 2pi];
 * a task's pool is the function on an evenly spaced grid over [-5, 5] (50 points in the official demo).
 */
public final class SineTasks implements TaskDistribution {
    /** docs/paper.md#figure-1: amplitude and phase ranges, input interval and grid of the official demo. */
    public static final double AMPLITUDE_MIN = 0.1;
    public static final double AMPLITUDE_MAX = 5.0;
    public static final double PHASE_MAX = 2 * Math.PI;
    public static final double X_MIN = -5.0;
    public static final double X_MAX = 5.0;
    public static final int GRID_POINTS = 50;

    private final int gridPoints;

    public SineTasks() {
        this(GRID_POINTS);
    }

    public SineTasks(int gridPoints) {
        if (gridPoints < 2) {
            throw new IllegalArgumentException("gridPoints must be >= 2, got " + gridPoints);
        }
        this.gridPoints = gridPoints;
    }

    /** One sine function of the family. */
    public record Sine(double amplitude, double phase) {
        public double at(double x) {
            return amplitude * Math.sin(x + phase);
        }
    }

    public Sine sampleFunction(UniformRandomProvider rng) {
        double a = AMPLITUDE_MIN + (AMPLITUDE_MAX - AMPLITUDE_MIN) * rng.nextDouble();
        double b = PHASE_MAX * rng.nextDouble();
        return new Sine(a, b);
    }

    /** The evenly spaced inputs on [-5, 5]. */
    public float[] grid() {
        float[] xs = new float[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            xs[i] = (float) (X_MIN + (X_MAX - X_MIN) * i / (gridPoints - 1));
        }
        return xs;
    }

    /** The task whose pool is {@code f} evaluated at {@code xs}. */
    public static Task task(Sine f, float[] xs) {
        float[] ys = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = (float) f.at(xs[i]);
        }
        return Task.regression(xs.clone(), ys);
    }

    @Override
    public Task sample(UniformRandomProvider rng) {
        return task(sampleFunction(rng), grid());
    }

    @Override
    public String name() {
        return "sine";
    }

    @Override
    public int poolSize() {
        return gridPoints;
    }

    @Override
    public int inputWidth() {
        return 1;
    }

    @Override
    public int outputWidth() {
        return 1;
    }

    @Override
    public boolean isClassification() {
        return false;
    }

    /** e.g. {@code sine tasks (50-point grid)}, for notebooks and logs. */
    @Override
    public String toString() {
        return name() + " tasks (" + poolSize() + "-point grid)";
    }
}
