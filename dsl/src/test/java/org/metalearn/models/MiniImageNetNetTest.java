package org.metalearn.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.metalearn.learn.Adam;
import org.metalearn.learn.InnerOptimizer;
import org.metalearn.learn.Sgd;
import org.metalearn.models.dl4j.Dl4jClassifier;
import org.metalearn.models.dl4j.Dl4jNets;
import org.metalearn.models.dl4j.Dl4jOneDnnHelpers;
import org.metalearn.tasks.Batch;
import org.metalearn.util.RandomStreams;
import org.metalearn.models.lean.LeanConvNet;
import org.metalearn.models.lean.LeanConvNetTest;

/** The lean Mini-ImageNet net (stride-1 conv + max-pool) against its DL4J twin: same parameters in, same numbers out. */
class MiniImageNetNetTest {
    private static final int VALUES = 84 * 84 * 3;

    /** Uniform [0, 1) pixels, as images divided by 255, and random one-hot labels. */
    static Batch randomBatch(int rows, int ways, long seed) {
        var rng = RandomStreams.of(seed, RandomStreams.Role.TASKS);
        float[] x = new float[rows * VALUES];
        float[] y = new float[rows * ways];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        for (int r = 0; r < rows; r++) {
            y[r * ways + rng.nextInt(ways)] = 1f;
        }
        return new Batch(x, y, rows);
    }

    private static Dl4jClassifier dl4j(int ways, long seed) {
        return (Dl4jClassifier) Dl4jNets.miniImageNet(ways).create(RandomStreams.of(seed, RandomStreams.Role.INIT));
    }

    @Test
    void hasThePapersShapeAndDl4jsLayout() {
        ConvLayout layout = MiniImageNetNet.layout(5);
        assertArrayEquals(new int[] {84, 42, 21, 11, 6}, IntStream.rangeClosed(0, 4).map(layout::side).toArray(),
                "feature-map sides");
        // conv 3->32: 864 + 32 bias; 3 x conv 32->32: 9216 + 32; 4 BN x 64; dense 1152 x 5 + 5
        assertEquals(896 + 3 * 9248 + 4 * 64 + 1152 * 5 + 5, MiniImageNetNet.parameterCount(5));
        Dl4jClassifier reference = dl4j(5, 0);
        assertEquals(MiniImageNetNet.parameterCount(5), reference.parameterCount());
        assertEquals(reference.parameterCount() + 4 * 64, reference.totalParameterCount(), "BN statistics masked");
        assertEquals(List.of(), Dl4jOneDnnHelpers.layersWithoutHelper(reference.network()), "oneDNN helpers in use");
        assertEquals("miniimagenet-conv lean 5-way", MiniImageNetNet.lean(5).name());
        assertEquals("miniimagenet-conv dl4j 5-way", Dl4jNets.miniImageNet(5).name());
        assertEquals("ways must be >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> MiniImageNetNet.lean(1)).getMessage());
    }

    @Test
    void drawsTheSameInitialWeightsAsDl4jFromTheSameSeed() {
        float[] lean = MiniImageNetNet.lean(5).create(RandomStreams.of(11, RandomStreams.Role.INIT)).parameters();
        assertArrayEquals(dl4j(5, 11).parameters(), lean);
    }

    @Test
    void lossEveryGradientAndOutputsMatchDl4j() {
        int ways = 5;
        Dl4jClassifier reference = dl4j(ways, 2);
        float[] theta = reference.parameters();
        // non-trivial batch-norm parameters and biases so that every term of the backward pass matters
        var rng = RandomStreams.of(7, RandomStreams.Role.INIT);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += (float) (0.05 * (rng.nextDouble() - 0.5));
        }
        reference.setParameters(theta);
        LeanConvNet lean = MiniImageNetNet.withParameters(ways, theta);
        Batch batch = randomBatch(10, ways, 3);
        float[] g1 = new float[theta.length];
        float[] g2 = new float[theta.length];
        double l1 = reference.lossAndGradient(batch, g1);
        double l2 = lean.lossAndGradient(batch, g2);
        assertEquals(l1, l2, 1e-4 * Math.abs(l1), "loss");
        ConvLayout layout = MiniImageNetNet.layout(ways);
        for (int b = 0; b < 4; b++) {
            // each parameter group on its own: conv kernel, gamma, beta (the conv bias cancels under batch norm)
            int[][] parts = {{layout.kernelOffset(b), layout.gammaOffset(b)},
                    {layout.gammaOffset(b), layout.betaOffset(b)},
                    {layout.betaOffset(b), layout.betaOffset(b) + 32}};
            for (int[] p : parts) {
                double err = LeanConvNetTest.relativeError(g2, g1, p[0], p[1]);
                assertTrue(err < 2e-3, "block " + b + " gradient [" + p[0] + ", " + p[1] + "): relative error " + err);
            }
            double biasErr = 0;
            for (int i = layout.biasOffset(b); i < layout.kernelOffset(b); i++) {
                biasErr = Math.max(biasErr, Math.abs(g2[i] - g1[i]));
            }
            assertTrue(biasErr < 1e-3, "block " + b + " conv bias gradient (~0 on both): " + biasErr);
        }
        double denseErr = LeanConvNetTest.relativeError(g2, g1, layout.denseOffset(), theta.length);
        assertTrue(denseErr < 2e-3, "dense gradient: relative error " + denseErr);
        float[] p1 = reference.predict(batch.inputs(), 10);
        float[] p2 = lean.predict(batch.inputs(), 10);
        assertTrue(LeanConvNetTest.relativeError(p2, p1, 0, p1.length) < 1e-4, "softmax outputs");
        assertEquals(l1, lean.loss(batch), 1e-4 * Math.abs(l1), "loss without gradient");
    }

    @Test
    void sgdAndAdamStepsStayEqual() {
        Batch[] batches = {randomBatch(10, 5, 20), randomBatch(10, 5, 21), randomBatch(5, 5, 22)};
        for (boolean adam : new boolean[] {false, true}) {
            Dl4jClassifier reference = dl4j(5, 4);
            float[] pa = reference.parameters();
            float[] pb = pa.clone();
            LeanConvNet lean = MiniImageNetNet.withParameters(5, pb);
            InnerOptimizer optA = adam ? new Adam(1e-3) : new Sgd(1e-3);
            InnerOptimizer optB = adam ? new Adam(1e-3) : new Sgd(1e-3);
            float[] g = new float[pa.length];
            for (int s = 0; s < 6; s++) {
                Batch batch = batches[s % batches.length];
                reference.setParameters(pa);
                reference.lossAndGradient(batch, g);
                optA.step(pa, g);
                lean.setParameters(pb);
                lean.lossAndGradient(batch, g);
                optB.step(pb, g);
            }
            reference.setParameters(pa);
            lean.setParameters(pb);
            String name = adam ? "Adam" : "SGD";
            for (Batch b : batches) {
                double la = reference.loss(b);
                // float rounding grows over steps that cut the loss 4x on random data: the Omniglot test's style
                assertEquals(la, lean.loss(b), 0.03 * Math.abs(la) + 1e-2, "loss after 6 " + name + " steps");
            }
            // conv biases cancel under batch norm: their gradients are rounding noise of random sign, which Adam
            // scales up to full steps, so they are left out of the comparison
            ConvLayout layout = MiniImageNetNet.layout(5);
            for (int b = 0; b < 4; b++) {
                for (int i = layout.biasOffset(b); i < layout.kernelOffset(b); i++) {
                    pa[i] = 0;
                    pb[i] = 0;
                }
            }
            double drift = LeanConvNetTest.relativeError(pb, pa, 0, pa.length);
            assertTrue(drift < 5e-3, "parameters after 6 " + name + " steps: relative difference " + drift);
        }
    }

    @Test
    void copiesAreIndependentAndWrongShapesAreRefused() {
        LeanConvNet net = MiniImageNetNet.withParameters(5, dl4j(5, 1).parameters());
        LeanConvNet copy = net.copy();
        Batch small = randomBatch(2, 5, 5);
        float[] first = copy.predict(small.inputs(), 2);
        copy.predict(randomBatch(12, 5, 6).inputs(), 12);
        assertEquals(first[0], copy.predict(small.inputs(), 2)[0], 0f, "grown buffers, same result");
        var e = assertThrows(IllegalArgumentException.class, () -> net.predict(new float[784], 1));
        assertTrue(e.getMessage().contains("84x84x3"), e.getMessage());
    }
}
