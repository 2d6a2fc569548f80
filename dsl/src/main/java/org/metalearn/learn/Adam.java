package org.metalearn.learn;

import java.util.List;

/**
 * TensorFlow's Adam, which the official code uses with beta1 = 0 (docs/paper.md#adam):
 * t += 1; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; lr_t = lr sqrt(1-b2^t) / (1-b1^t);
 * w -= lr_t m / (sqrt(v) + eps). With beta1 = 0 the m slot is just the current gradient, so only v is kept.
 */
public final class Adam implements InnerOptimizer {
    /** docs/paper.md#adam: beta1 = 0 (momentum hurt), TF defaults for the rest. */
    public static final double PAPER_BETA1 = 0.0;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private long t;
    // m and v may also be another copy's (copy() shares them): the next step writes new arrays instead
    private boolean shared;
    private float[] m;
    private float[] v;

    /** Adam as the paper uses it: beta1 = 0, beta2 = 0.999, eps = 1e-8. */
    public Adam(double learningRate) {
        this(learningRate, PAPER_BETA1, BETA2, EPSILON);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 and finite, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void step(float[] params, float[] gradient) {
        step(params, gradient, learningRate);
    }

    /** One step with the given learning rate instead of the configured one (the outer loop anneals it). */
    public void step(float[] params, float[] gradient, double learningRate) {
        if (v == null) {
            v = new float[params.length];
            m = beta1 == 0 ? null : new float[params.length];
            shared = false;
        }
        float[] vIn = v;
        float[] mIn = m;
        if (shared) { // the first step after a copy: read the shared slots, write this optimizer's own
            v = new float[vIn.length];
            m = mIn == null ? null : new float[mIn.length];
            shared = false;
        }
        t++;
        float lrT = (float) (learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
        // coefficients rounded once from double, so (1 - b2) is 0.001 rather than 1 - (float) 0.999
        float b1 = (float) beta1;
        float oneMinusB1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float oneMinusB2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        for (int i = 0; i < params.length; i++) {
            float g = gradient[i];
            float mi = g;
            if (m != null) {
                mi = b1 * mIn[i] + oneMinusB1 * g;
                m[i] = mi;
            }
            float vi = b2 * vIn[i] + oneMinusB2 * g * g;
            v[i] = vi;
            params[i] -= lrT * mi / ((float) Math.sqrt(vi) + eps);
        }
    }

    /**
     * Both slots are exponential averages, so a task's effect on a slot is additive:
     * task i turns s into decay^{k_i} s + c_i, which gives c_i = end_i - decay^{k_i} start. Running the tasks
     * one after another from {@code start} would end at decay^K start + sum_i decay^{K_after_i} c_i, with K all
     * steps and K_after_i the steps of the tasks after i; the step counter advances by K. This is exact when the
     * gradients do not depend on the slots (as for SGD-like use), and otherwise differs only in the slot values
     * each task saw (a test checks both). The arithmetic is {@link AdamMerge}'s.
     */
    @Override
    public void merge(OptimizerState start, List<OptimizerState> ends) {
        long[] steps = new long[ends.size()];
        float[][][] slots = new float[ends.size()][][];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = ends.get(i).steps() - start.steps();
            slots[i] = new float[][] {ends.get(i).slot(0), ends.get(i).slot(1)};
        }
        AdamMerge merge = new AdamMerge(this, new double[] {beta1, beta2}, start.steps(),
                new float[][] {start.slot(0), start.slot(1)}, steps, slots, false);
        merge.range(0, merge.length());
        merge.finish();
    }

    /**
     * {@link #merge} of this optimizer's state and those of its task copies {@code ends} (made by {@link #copy},
     * stepped since, this one unchanged meanwhile, none of them used afterwards), reading the slots in place rather
     * than through copies and writing the merged values over this optimizer's own, by parameter ranges.
     */
    RangeMerge rangeMerge(List<InnerOptimizer> ends) {
        long[] steps = new long[ends.size()];
        float[][][] slots = new float[ends.size()][][];
        for (int i = 0; i < steps.length; i++) {
            if (!(ends.get(i) instanceof Adam e)) {
                throw new IllegalArgumentException("task " + i + "'s optimizer is not an Adam copy: "
                        + ends.get(i).describe());
            }
            steps[i] = e.t - t;
            slots[i] = new float[][] {e.m, e.v};
        }
        // states copy the slots and the copies (which may still share them) are not used afterwards, so the merge may
        // overwrite them: it reads each index, in the copies too, before it writes it
        return new AdamMerge(this, new double[] {beta1, beta2}, t, new float[][] {m, v}, steps, slots, true);
    }

    /** Takes a merged state as its own (no one else holds the arrays). */
    void install(long steps, float[] mergedM, float[] mergedV) {
        shared = false;
        t = steps;
        m = mergedM;
        v = mergedV;
    }

    @Override
    public Adam copy() {
        Adam c = new Adam(learningRate, beta1, beta2, epsilon);
        c.t = t;
        c.m = m; // shared until either steps (copy on write: copying the slots here would cost a pass over them)
        c.v = v;
        c.shared = true;
        shared = true;
        return c;
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(t, new float[][] {m, v});
    }

    @Override
    public void restore(OptimizerState state) {
        float[][] s = state.slots();
        if (s.length != 2) {
            throw new IllegalArgumentException("not an Adam state: " + s.length + " slots");
        }
        t = state.steps();
        shared = false;
        m = s[0];
        v = s[1];
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public String describe() {
        return "Adam(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ")";
    }
}
