package org.metalearn.learn;

import java.util.Arrays;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Batch;

/**
 * Hessian-vector products H(phi) v of a mini-batch loss from two gradient evaluations, by central finite
 * differences along v: H v ~ |v| (grad L(phi + h u) - grad L(phi - h u)) / (2h), u = v / |v|.
 *
 * <p>Why this method: DL4J has no double back-propagation, and gradients are all any learner offers. The
 * error is O(h^2) from the third derivative plus O(eps_float |grad| / h) from rounding; h = cbrt(eps_float)
 * times the parameters' RMS (at least 1) balances the two, about 1e-4 relative in float32, and is exact up
 * to rounding for quadratic losses (the gradient is linear there). Cost: 2 gradient evaluations.
 */
public final class HessianVectorProduct {
    /** Cube root of float32's machine epsilon. */
    static final double RELATIVE_STEP = Math.cbrt(Math.ulp(1.0f));

    private HessianVectorProduct() {
    }

    /** Writes H(phi) v for the loss on {@code batch} into {@code out}; leaves the learner's parameters at phi. */
    public static void compute(Learner learner, float[] phi, Batch batch, float[] v, float[] out) {
        double norm = 0;
        double rms = 0;
        for (int i = 0; i < v.length; i++) {
            norm += (double) v[i] * v[i];
            rms += (double) phi[i] * phi[i];
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            Arrays.fill(out, 0f);
            return;
        }
        rms = Math.sqrt(rms / phi.length);
        double h = RELATIVE_STEP * Math.max(1.0, rms);
        float[] shifted = new float[phi.length];
        float[] gPlus = new float[phi.length];
        float[] gMinus = new float[phi.length];
        double along = h / norm;
        for (int i = 0; i < phi.length; i++) {
            shifted[i] = (float) (phi[i] + along * v[i]);
        }
        learner.setParameters(shifted);
        learner.lossAndGradient(batch, gPlus);
        for (int i = 0; i < phi.length; i++) {
            shifted[i] = (float) (phi[i] - along * v[i]);
        }
        learner.setParameters(shifted);
        learner.lossAndGradient(batch, gMinus);
        learner.setParameters(phi);
        double scale = norm / (2 * h);
        for (int i = 0; i < phi.length; i++) {
            out[i] = (float) ((gPlus[i] - (double) gMinus[i]) * scale);
        }
    }
}
