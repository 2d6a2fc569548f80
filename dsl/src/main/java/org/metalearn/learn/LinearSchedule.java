package org.metalearn.learn;

/**
 * The outer step size, linearly annealed as in the official code (docs/paper.md#outer-update):
 * eps_i = (1 - i/M) * start + (i/M) * end for i = 0 .. M-1.
 */
public record LinearSchedule(double start, double end) {

    public LinearSchedule {
        if (!(start >= 0) || Double.isInfinite(start)) {
            throw new IllegalArgumentException("metaStep must be >= 0 and finite, got " + start);
        }
        if (!(end >= 0) || Double.isInfinite(end)) {
            throw new IllegalArgumentException("metaStepFinal must be >= 0 and finite, got " + end);
        }
    }

    public double at(long iteration, long totalIterations) {
        double frac = (double) iteration / totalIterations;
        return (1 - frac) * start + frac * end;
    }
}
