package org.metalearn.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metalearn.learn.Adam;
import org.metalearn.learn.OptimizerState;
import org.metalearn.models.Activation;
import org.metalearn.models.lean.DenseNet;
import org.metalearn.models.Initializers;
import org.metalearn.models.Loss;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.tasks.SyntheticClasses;
import org.metalearn.util.RandomStreams;

class FewShotEvaluatorTest {
    private static final int[] SIZES = {16, 5};

    private static DenseNet linearClassifier() {
        float[] p = new float[DenseNet.parameterCount(SIZES)];
        Initializers.glorotUniform(p, 0, 16 * 5, 16, 5, RandomStreams.of(1, RandomStreams.Role.INIT));
        return new DenseNet(SIZES, Activation.RELU, Loss.SOFTMAX_CROSS_ENTROPY_SUM, p);
    }

    @Test
    void adaptationLearnsTheSupportSetAndLeavesTheMetaStateAlone() {
        ClassificationTasks tasks = new ClassificationTasks("synthetic", new SyntheticClasses(40, 20, 16, 0.5, 3), 5, 5);
        DenseNet net = linearClassifier();
        float[] theta = net.parameters();
        float[] thetaBefore = theta.clone();
        Adam adam = new Adam(0.01);
        adam.step(theta.clone(), new float[theta.length]); // give it state to protect
        OptimizerState before = adam.state();
        FewShotProtocol adapted = new FewShotProtocol(5, 50, 5, false, 200);
        FewShotResult r = FewShotEvaluator.evaluate(net, theta, adam, tasks, adapted,
                RandomStreams.of(4, RandomStreams.Role.EVALUATION), null);
        assertEquals(1000, r.queries());
        assertTrue(r.accuracy() > 0.9, r.toString());
        assertTrue(r.ci95() > 0 && r.ci95() < 0.05, r.toString());
        assertArrayEquals(thetaBefore, theta);
        assertEquals(before, adam.state());
        // without fine-tuning an untrained classifier is near chance (1/5)
        FewShotResult none = FewShotEvaluator.evaluate(net, theta, adam, tasks, new FewShotProtocol(5, 0, 5, true, 200),
                RandomStreams.of(4, RandomStreams.Role.EVALUATION), null);
        assertTrue(none.accuracy() < 0.45, none.toString());
        assertEquals("accuracy", r.table().columnNames().get(5));
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfWorkers() {
        ClassificationTasks tasks = new ClassificationTasks("synthetic", new SyntheticClasses(40, 20, 16, 1.5, 3), 5, 5);
        DenseNet net = linearClassifier();
        FewShotProtocol p = new FewShotProtocol(1, 10, 5, false, 60);
        FewShotResult one = FewShotEvaluator.evaluate(net, net.parameters(), new Adam(0.01), tasks, p,
                RandomStreams.of(4, RandomStreams.Role.EVALUATION), null, 1);
        FewShotResult three = FewShotEvaluator.evaluate(net, net.parameters(), new Adam(0.01), tasks, p,
                RandomStreams.of(4, RandomStreams.Role.EVALUATION), null, 3);
        assertEquals(one.correct(), three.correct());
        assertEquals(one.ci95(), three.ci95(), 1e-12);
    }

    @Test
    void crossEntropyGradientMatchesFiniteDifferences() {
        DenseNet net = new DenseNet(new int[] {3, 4, 3}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY_SUM,
                Initializers.torchLinearDefault(new int[] {3, 4, 3}, RandomStreams.of(5, RandomStreams.Role.INIT)));
        Batch b = new Batch(new float[] {0.5f, -1, 2, 1, 0, -0.5f}, new float[] {0, 1, 0, 0, 0, 1}, 2);
        float[] p = net.parameters();
        float[] g = new float[p.length];
        net.lossAndGradient(b, g);
        for (int i = 0; i < p.length; i++) {
            float[] plus = p.clone();
            float[] minus = p.clone();
            plus[i] += 1e-2f;
            minus[i] -= 1e-2f;
            net.setParameters(plus);
            double lp = net.loss(b);
            net.setParameters(minus);
            double lm = net.loss(b);
            assertEquals((lp - lm) / 2e-2, g[i], 2e-3, "parameter " + i);
        }
    }
}
