package org.metalearn.learn;

/**
 * TensorFlow's Adam, which the official code uses with beta1 = 0 (PAPER.md 1.6):
 * t += 1; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; lr_t = lr sqrt(1-b2^t) / (1-b1^t);
 * w -= lr_t m / (sqrt(v) + eps). With beta1 = 0 the m slot is just the current gradient, so only v is kept.
 */
public final class Adam implements InnerOptimizer {
    /** PAPER.md 1.6: beta1 = 0 (momentum hurt), TF defaults for the rest. */
    public static final double PAPER_BETA1 = 0.0;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private long t;
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
                mi = b1 * m[i] + oneMinusB1 * g;
                m[i] = mi;
            }
            float vi = b2 * v[i] + oneMinusB2 * g * g;
            v[i] = vi;
            params[i] -= lrT * mi / ((float) Math.sqrt(vi) + eps);
        }
    }

    @Override
    public Adam copy() {
        Adam c = new Adam(learningRate, beta1, beta2, epsilon);
        c.restore(state());
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
