package org.metalearn.learn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.Task;

/**
 * Second-order MAML (docs/paper.md#second-order-maml-in-this-project), in the same frame as first-order MAML: of the k mini-batches, the first
 * k-1 drive plain-SGD inner steps phi_{i+1} = phi_i - alpha g_i and the k-th (shared pool or separate tail)
 * is the test batch. The meta-gradient back-propagates its gradient through the inner steps:
 * g = (I - alpha H_1)(I - alpha H_2) ... (I - alpha H_{k-1}) grad L_k(phi_k), applied right to left with
 * finite-difference Hessian-vector products at the stored iterates. The task contributes -alpha g, so
 * dropping the Hessian terms gives exactly first-order MAML's contribution.
 *
 * <p>Cost per task: k-1 inner gradients + 1 test gradient + 2(k-1) gradients for the HVPs = 3k - 2.
 */
public final class Maml implements MetaAlgorithm {
    private final Tail tail;

    public Maml(Tail tail) {
        this.tail = tail;
    }

    public Tail tail() {
        return tail;
    }

    @Override
    public String describe() {
        return name() + " (tail " + tail + ")";
    }

    @Override
    public String name() {
        return "maml";
    }

    @Override
    public void validate(InnerOptimizer optimizer) {
        if (!(optimizer instanceof Sgd)) {
            throw new IllegalArgumentException("innerSgd: second-order MAML differentiates through plain SGD "
                    + "inner steps; got " + optimizer.describe());
        }
    }

    @Override
    public TaskLosses contribution(Learner learner, InnerOptimizer optimizer, float[] theta, Task task,
                                   InnerSettings inner, UniformRandomProvider batchRng, float[] delta) {
        validate(optimizer);
        List<Batch> batches = FirstOrderMaml.drawBatches(task, tail, inner, batchRng);
        int k = batches.size();
        float alpha = (float) optimizer.learningRate();
        List<float[]> iterates = new ArrayList<>(k);
        float[] phi = theta.clone();
        float[] gradient = new float[theta.length];
        double first = Double.NaN;
        for (int i = 0; i < k - 1; i++) {
            iterates.add(phi.clone());
            learner.setParameters(phi);
            double loss = learner.lossAndGradient(batches.get(i), gradient);
            if (i == 0) {
                first = loss;
            }
            optimizer.step(phi, gradient);
        }
        learner.setParameters(phi);
        float[] v = new float[theta.length];
        double last = learner.lossAndGradient(batches.get(k - 1), v);
        if (k == 1) {
            first = last;
        }
        float[] hv = new float[theta.length];
        for (int i = k - 2; i >= 0; i--) {
            HessianVectorProduct.compute(learner, iterates.get(i), batches.get(i), v, hv);
            for (int p = 0; p < v.length; p++) {
                v[p] -= alpha * hv[p];
            }
        }
        for (int p = 0; p < v.length; p++) {
            delta[p] = -alpha * v[p];
        }
        return new TaskLosses(first, last);
    }
}
