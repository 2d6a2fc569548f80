package org.metalearn.learn;

/**
 * How the averaged task contributions move the meta-parameters. The paper's runs interpolate
 * (theta += eps_i * mean delta, a vanilla-SGD outer loop); the paper also allows (docs/paper.md#reptile) treating -mean delta
 * as a gradient for Adam, which second-order MAML uses.
 */
public interface OuterOptimizer {

    /** Moves {@code theta} using the meta-batch's mean contribution and this iteration's step size. */
    void apply(float[] theta, float[] meanDelta, double step);

    OptimizerState state();

    void restore(OptimizerState state);

    String describe();

    /** theta += step * meanDelta. */
    static OuterOptimizer interpolation() {
        return new OuterOptimizer() {
            @Override
            public void apply(float[] theta, float[] meanDelta, double step) {
                float s = (float) step;
                for (int p = 0; p < theta.length; p++) {
                    theta[p] += s * meanDelta[p];
                }
            }

            @Override
            public OptimizerState state() {
                return OptimizerState.NONE;
            }

            @Override
            public void restore(OptimizerState state) {
                // stateless
            }

            @Override
            public String describe() {
                return "interpolation";
            }
        };
    }

    /** Adam (beta1 0.9, beta2 0.999, TensorFlow form) on the gradient -meanDelta with learning rate = step. */
    static OuterOptimizer adam() {
        return new OuterOptimizer() {
            private final Adam adam = new Adam(1.0, 0.9, 0.999, 1e-8);
            private float[] gradient;

            @Override
            public void apply(float[] theta, float[] meanDelta, double step) {
                if (gradient == null) {
                    gradient = new float[theta.length];
                }
                for (int p = 0; p < theta.length; p++) {
                    gradient[p] = -meanDelta[p];
                }
                adam.step(theta, gradient, step);
            }

            @Override
            public OptimizerState state() {
                return adam.state();
            }

            @Override
            public void restore(OptimizerState state) {
                adam.restore(state);
            }

            @Override
            public String describe() {
                return "adam";
            }
        };
    }
}
