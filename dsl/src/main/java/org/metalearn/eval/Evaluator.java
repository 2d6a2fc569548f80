package org.metalearn.eval;

import java.util.Arrays;
import org.metalearn.learn.InnerOptimizer;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Batch;

/**
 * Fine-tunes a copy of the meta-learned weights on a task and measures it, leaving the meta state
 * untouched: the learner, the parameters and the optimizer (with its carried-over state) are all copied,
 * as the official code saves and restores the full state around each test task (docs/paper.md#evaluation).
 */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * Takes {@code max(steps)} optimizer steps on the full {@code train} batch (the Figure-1 protocol) and
     * records predictions on the query inputs after each count in {@code steps} (ascending, may include 0).
     */
    public static AdaptationTrace adaptRegression(Learner prototype, float[] theta, InnerOptimizer optimizer,
                                                  Batch train, int[] steps, float[] queryInputs, float[] queryTargets) {
        int[] sorted = steps.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0 || sorted[0] < 0 || !Arrays.equals(sorted, steps)) {
            throw new IllegalArgumentException("steps must be non-negative and ascending, got " + Arrays.toString(steps));
        }
        Learner learner = prototype.copy();
        InnerOptimizer opt = optimizer.copy();
        float[] phi = theta.clone();
        float[] gradient = new float[phi.length];
        int rows = queryTargets.length;
        float[][] predictions = new float[steps.length][];
        double[] losses = new double[steps.length];
        int done = 0;
        for (int s = 0; s < steps.length; s++) {
            while (done < steps[s]) {
                learner.setParameters(phi);
                learner.lossAndGradient(train, gradient);
                opt.step(phi, gradient);
                done++;
            }
            learner.setParameters(phi);
            predictions[s] = learner.predict(queryInputs, rows);
            losses[s] = learner.loss(new Batch(queryInputs.clone(), queryTargets.clone(), rows));
        }
        return new AdaptationTrace(queryInputs.clone(), queryTargets.clone(), steps.clone(), predictions, losses);
    }
}
