package org.metalearn.learn;

import java.util.List;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Batch;

/** Runs optimizer steps on a learner, one per mini-batch, starting from given parameters. */
public final class InnerLoop {
    private InnerLoop() {
    }

    /**
     * Starts at {@code start}, takes one optimizer step per batch and leaves the adapted parameters in
     * {@code adapted}. If {@code lastStep} is not null it receives the last step's change
     * phi_k - phi_{k-1} (what first-order MAML uses).
     */
    public static TaskLosses run(Learner learner, InnerOptimizer optimizer, float[] start, List<Batch> batches,
                                 float[] adapted, float[] lastStep) {
        System.arraycopy(start, 0, adapted, 0, start.length);
        float[] gradient = new float[start.length];
        double first = Double.NaN;
        double last = Double.NaN;
        for (int i = 0; i < batches.size(); i++) {
            learner.setParameters(adapted);
            last = learner.lossAndGradient(batches.get(i), gradient);
            if (i == 0) {
                first = last;
            }
            boolean isLast = i == batches.size() - 1;
            if (isLast && lastStep != null) {
                System.arraycopy(adapted, 0, lastStep, 0, adapted.length);
            }
            optimizer.step(adapted, gradient);
            if (isLast && lastStep != null) {
                for (int p = 0; p < adapted.length; p++) {
                    lastStep[p] = adapted[p] - lastStep[p];
                }
            }
        }
        return new TaskLosses(first, last);
    }
}
