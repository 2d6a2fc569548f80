package org.metalearn.models.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metalearn.learn.Adam;
import org.metalearn.models.dl4j.Dl4jClassifier;
import org.metalearn.tasks.Batch;
import org.metalearn.util.RandomStreams;
import org.metalearn.models.dl4j.Dl4jNets;
import org.metalearn.models.OmniglotNet;

/** The lean conv net against the DL4J net it replaces: same parameters in, same numbers out. */
public class LeanConvNetTest {

    public static Batch randomBatch(int rows, int ways, long seed) {
        var rng = RandomStreams.of(seed, RandomStreams.Role.TASKS);
        float[] x = new float[rows * 784];
        float[] y = new float[rows * ways];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() < 0.2 ? 0f : 1f;
        }
        for (int r = 0; r < rows; r++) {
            y[r * ways + rng.nextInt(ways)] = 1f;
        }
        return new Batch(x, y, rows);
    }

    private static Dl4jClassifier dl4j(int ways, long seed) {
        return (Dl4jClassifier) Dl4jNets.omniglot(ways).create(RandomStreams.of(seed, RandomStreams.Role.INIT));
    }

    /** Max |a - b| relative to the largest |b| (gradients span orders of magnitude between layers). */
    public static double relativeError(float[] a, float[] b, int from, int to) {
        double diff = 0;
        double scale = 1e-6;
        for (int i = from; i < to; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / scale;
    }

    @Test
    void hasDl4jsParameterLayoutAndCount() {
        Dl4jClassifier reference = dl4j(5, 0);
        LeanConvNet lean = new LeanConvNet(5, reference.parameters());
        assertEquals(113_221, lean.parameterCount());
        assertEquals(113_221, OmniglotNet.parameterCount(5));
        assertEquals(reference.parameterCount(), OmniglotNet.parameterCount(20 - 15));
        assertEquals(256 * 20 + 20 - 1285, OmniglotNet.parameterCount(20) - OmniglotNet.parameterCount(5));
    }

    @Test
    void drawsTheSameInitialWeightsAsDl4jFromTheSameSeed() {
        float[] lean = LeanConvNet.create(5, RandomStreams.of(11, RandomStreams.Role.INIT)).parameters();
        float[] reference = dl4j(5, 11).parameters();
        org.junit.jupiter.api.Assertions.assertArrayEquals(reference, lean);
    }

    @Test
    void lossGradientAndOutputsMatchDl4j() {
        for (int ways : new int[] {5, 20}) {
            Dl4jClassifier reference = dl4j(ways, ways);
            float[] theta = reference.parameters();
            // non-trivial batch-norm parameters and biases so that every term of the backward pass matters
            var rng = RandomStreams.of(7, RandomStreams.Role.INIT);
            for (int i = 0; i < theta.length; i++) {
                theta[i] += (float) (0.05 * (rng.nextDouble() - 0.5));
            }
            reference.setParameters(theta);
            LeanConvNet lean = new LeanConvNet(ways, theta);
            Batch batch = randomBatch(10, ways, ways + 1L);
            float[] g1 = new float[theta.length];
            float[] g2 = new float[theta.length];
            double l1 = reference.lossAndGradient(batch, g1);
            double l2 = lean.lossAndGradient(batch, g2);
            assertEquals(l1, l2, 1e-4 * Math.abs(l1), ways + "-way loss");
            int[] blocks = {0, 768, 768 + 37_056, 768 + 2 * 37_056, 768 + 3 * 37_056, theta.length};
            for (int b = 0; b + 1 < blocks.length; b++) {
                double err = relativeError(g2, g1, blocks[b], blocks[b + 1]);
                assertTrue(err < 2e-3, ways + "-way gradient of part " + b + ": relative error " + err);
            }
            float[] p1 = reference.predict(batch.inputs(), 10);
            float[] p2 = lean.predict(batch.inputs(), 10);
            assertTrue(relativeError(p2, p1, 0, p1.length) < 1e-4, "softmax outputs");
            assertEquals(l1, lean.loss(batch), 1e-4 * Math.abs(l1), "loss without gradient");
        }
    }

    @Test
    void fiftyAdamStepsEndAtTheSameLossAsDl4j() {
        Dl4jClassifier reference = dl4j(5, 3);
        LeanConvNet lean = new LeanConvNet(5, reference.parameters());
        float[] pa = reference.parameters();
        float[] pb = pa.clone();
        Adam adamA = new Adam(1e-3);
        Adam adamB = new Adam(1e-3);
        float[] g = new float[pa.length];
        Batch[] batches = new Batch[5];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = randomBatch(10, 5, 100 + i);
        }
        for (int s = 0; s < 50; s++) {
            reference.setParameters(pa);
            reference.lossAndGradient(batches[s % 5], g);
            adamA.step(pa, g);
            lean.setParameters(pb);
            lean.lossAndGradient(batches[s % 5], g);
            adamB.step(pb, g);
        }
        reference.setParameters(pa);
        lean.setParameters(pb);
        for (Batch b : batches) {
            double la = reference.loss(b);
            double lb = lean.loss(b);
            assertEquals(la, lb, 0.02 * Math.abs(la) + 1e-3, "loss after 50 Adam steps");
        }
        assertTrue(lean.loss(batches[0]) < 5, "trained");
    }

    @Test
    void copyIsIndependentAndBatchSizesCanChange() {
        LeanConvNet net = new LeanConvNet(5, dl4j(5, 1).parameters());
        LeanConvNet copy = net.copy();
        float[] p = net.parameters();
        float before = p[100];
        p[100] += 1f;
        net.setParameters(p);
        assertEquals(before, copy.parameters()[100], 0f);
        Batch big = randomBatch(26, 5, 4);
        Batch small = randomBatch(2, 5, 5);
        float[] first = copy.predict(small.inputs(), 2);
        copy.predict(big.inputs(), 26);
        float[] again = copy.predict(small.inputs(), 2);
        assertEquals(first[0], again[0], 0f, "buffers grown for 26 images give the same result for 2");
        assertEquals(26 * 5, copy.predict(big.inputs(), 26).length);
    }

    @Test
    void factoriesAreNamedByImplementationAndValidateWays() {
        assertEquals("omniglot-conv lean 5-way", OmniglotNet.lean(5).name());
        assertEquals("omniglot-conv dl4j 20-way", Dl4jNets.omniglot(20).name());
        assertTrue(OmniglotNet.lean(5).create(RandomStreams.of(0, RandomStreams.Role.INIT)) instanceof LeanConvNet);
        assertEquals("ways must be >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> OmniglotNet.lean(1)).getMessage());
        assertEquals("ways must be >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> Dl4jNets.omniglot(1)).getMessage());
    }

    @Test
    void rejectsWrongShapes() {
        LeanConvNet net = new LeanConvNet(5, new float[113_221]);
        var e = assertThrows(IllegalArgumentException.class, () -> new LeanConvNet(5, new float[10]));
        assertTrue(e.getMessage().contains("113221"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.predict(new float[100], 1));
        assertThrows(IllegalArgumentException.class,
                () -> net.lossAndGradient(randomBatch(3, 20, 1), new float[113_221]));
    }
}
