package org.metalearn.learn;

/** Plain gradient descent: w -= lr * g. Stateless. */
public final class Sgd implements InnerOptimizer {
    private final float learningRate;

    public Sgd(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 and finite, got " + learningRate);
        }
        this.learningRate = (float) learningRate;
    }

    @Override
    public void step(float[] params, float[] gradient) {
        for (int i = 0; i < params.length; i++) {
            params[i] -= learningRate * gradient[i];
        }
    }

    @Override
    public Sgd copy() {
        return this; // no state to copy
    }

    @Override
    public OptimizerState state() {
        return OptimizerState.NONE;
    }

    @Override
    public void restore(OptimizerState state) {
        // nothing to restore
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public String describe() {
        return "SGD(lr=" + learningRate + ")";
    }
}
