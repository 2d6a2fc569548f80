package org.metalearn.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metalearn.tasks.Batch;
import org.metalearn.util.RandomStreams;
import org.metalearn.models.dl4j.Dl4jClassifier;
import org.metalearn.models.dl4j.Dl4jOneDnnHelpers;
import org.metalearn.models.dl4j.Dl4jNets;
import org.metalearn.models.lean.LeanConvNetTest;

class OmniglotNetTest {

    private static Batch randomBatch(int rows, int ways, long seed) {
        return LeanConvNetTest.randomBatch(rows, ways, seed);
    }

    @Test
    void hasThePapersShapeAndMasksBatchNormStatistics() {
        Dl4jClassifier net = (Dl4jClassifier) Dl4jNets.omniglot(5).create(RandomStreams.of(0, RandomStreams.Role.INIT));
        // 4 conv (64*in*9 + 64) + 4 BN (gamma, beta: 128) + dense 256*5 + 5 = 113,221 trainable
        assertEquals(640 + 3 * 36_928 + 4 * 128 + 1285, net.parameterCount());
        assertEquals(net.parameterCount() + 4 * 128, net.totalParameterCount(), "BN mean and log10stdev are not trainable");
        assertEquals(java.util.List.of(), Dl4jOneDnnHelpers.layersWithoutHelper(net.network()), "oneDNN helpers in use");
    }

    @Test
    void predictsOneProbabilityRowPerImageWithBatchStatistics() {
        Dl4jClassifier net = (Dl4jClassifier) Dl4jNets.omniglot(5).create(RandomStreams.of(0, RandomStreams.Role.INIT));
        Batch b = randomBatch(26, 5, 1);
        float[] out = net.predict(b.inputs(), 26);
        assertEquals(26 * 5, out.length);
        for (int r = 0; r < 26; r++) {
            float sum = 0;
            for (int j = 0; j < 5; j++) {
                sum += out[r * 5 + j];
            }
            assertEquals(1f, sum, 1e-4f);
        }
        // batch statistics: the same image classified in another batch gets other probabilities
        float[] alone = net.predict(java.util.Arrays.copyOf(b.inputs(), 2 * 784), 2);
        assertTrue(Math.abs(alone[0] - out[0]) > 1e-6, "predictions depend on the batch (batch-norm statistics)");
    }

    @Test
    void lossIsTheSumOverTheBatchAndTrainingReducesIt() {
        Dl4jClassifier net = (Dl4jClassifier) Dl4jNets.omniglot(5).create(RandomStreams.of(0, RandomStreams.Role.INIT));
        Batch b = randomBatch(10, 5, 2);
        float[] p = net.parameters();
        float[] g = new float[p.length];
        double first = net.lossAndGradient(b, g);
        assertTrue(first > 10 * 0.5 && first < 10 * 5, "summed cross-entropy of 10 examples, got " + first);
        var adam = new org.metalearn.learn.Adam(1e-3);
        for (int i = 0; i < 20; i++) {
            net.setParameters(p);
            net.lossAndGradient(b, g);
            adam.step(p, g);
        }
        net.setParameters(p);
        assertTrue(net.loss(b) < first / 2, "fits one batch");
        float[] copy = net.copy().parameters();
        assertArrayEquals(p, copy);
    }
}
