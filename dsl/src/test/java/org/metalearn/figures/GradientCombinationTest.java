package org.metalearn.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.metalearn.dsl.SweepAxis;
import org.junit.jupiter.params.provider.EnumSource;
import org.metalearn.learn.MetaState;
import org.metalearn.learn.Trainer;
import org.metalearn.learn.TrainingPlan;
import org.metalearn.models.Activation;
import org.metalearn.models.lean.DenseNet;
import org.metalearn.models.Initializers;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.MiniBatches;
import org.metalearn.tasks.SineTasks;
import org.metalearn.tasks.Task;
import org.metalearn.util.RandomStreams;

class GradientCombinationTest {
    private static final int[] SIZES = {1, 6, 1};

    @Test
    void theSweepAxisHoldsEveryVariantsSettings() {
        SweepAxis axis = GradientCombination.axis();
        GradientCombination[] all = GradientCombination.values();
        assertEquals(all.length, axis.size());
        for (int i = 0; i < all.length; i++) {
            List<Object> shown = axis.point(i).stream().map(SweepAxis.Assignment::shown).toList();
            assertEquals(List.of(all[i].label(), all[i].lastOnly() ? "fomaml" : "reptile", all[i].innerSteps(),
                    5 * all[i].innerSteps(), all[i].metaStep()), shown);
        }
    }

    @ParameterizedTest
    @EnumSource(GradientCombination.class)
    void firstMetaUpdateIsTheVariantsCombinationOfInnerGradients(GradientCombination variant) {
        long seed = 11;
        // a pool of 100 = 4 disjoint batches of 25, so every k <= 4 uses non-overlapping batches
        SineTasks tasks = new SineTasks(100);
        TrainingPlan plan = variant.spec().on(tasks).metaIterations(1).seed(seed).progress(false)
                .model(rng -> new DenseNet(SIZES, Activation.TANH, Initializers.torchLinearDefault(SIZES, rng)))
                .plan();
        assertEquals(variant.innerSteps(), plan.inner().steps());
        Trainer trainer = new Trainer(plan);
        MetaState state = trainer.initialState();
        float[] theta = state.theta().clone();
        trainer.train(state, List.of());

        // by hand: the same task and disjoint batches, SGD iterates, g_i at the current iterate
        Task task = tasks.sample(RandomStreams.of(seed, RandomStreams.Role.TASKS));
        int k = variant.innerSteps();
        int[][] idx = MiniBatches.draw(100, 25, k, false, RandomStreams.of(seed, RandomStreams.Role.BATCHES));
        DenseNet net = new DenseNet(SIZES, Activation.TANH, theta);
        float[] phi = theta.clone();
        double[] sum = new double[theta.length];
        float[] g = new float[theta.length];
        for (int i = 0; i < k; i++) {
            Batch b = task.batch(idx[i]);
            net.setParameters(phi);
            net.lossAndGradient(b, g);
            for (int p = 0; p < phi.length; p++) {
                if (!variant.lastOnly() || i == k - 1) {
                    sum[p] += g[p];
                }
                phi[p] -= (float) GradientCombination.LEARNING_RATE * g[p];
            }
        }
        float[] expected = new float[theta.length];
        for (int p = 0; p < theta.length; p++) {
            expected[p] = (float) (theta[p] - variant.metaStep() * GradientCombination.LEARNING_RATE * sum[p]);
        }
        assertArrayEquals(expected, state.theta(), 1e-7f, variant.label());
    }
}
