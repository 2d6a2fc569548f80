package org.metalearn.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metalearn.models.reference.Dl4jNets;
import org.metalearn.tasks.Batch;
import org.metalearn.util.RandomStreams;

/**
 * The lean nets with oneDNN convolutions ({@code leanOneDnn}) against the plain lean nets ({@code lean}), which the
 * other tests hold to DL4J: the same initial parameters from a seed, loss and every gradient equal to float32
 * rounding (amplified by batch norm, hence the tolerances of the DL4J comparisons), and bit-identical results run
 * to run, for fresh nets, copies and repeated calls.
 */
class LeanConvNetOneDnnTest {

    private static LearnerFactory lean(String net, boolean oneDnn) {
        if (net.equals("omniglot")) {
            return oneDnn ? OmniglotNet.leanOneDnn(5) : OmniglotNet.lean(5);
        }
        return oneDnn ? MiniImageNetNet.leanOneDnn(5) : MiniImageNetNet.lean(5);
    }

    private static Batch batch(String net, int rows, long seed) {
        return net.equals("omniglot") ? LeanConvNetTest.randomBatch(rows, 5, seed)
                : MiniImageNetNetTest.randomBatch(rows, 5, seed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"omniglot", "miniimagenet"})
    void matchesTheIm2colNet(String net) {
        Learner plain = lean(net, false).create(RandomStreams.of(4, RandomStreams.Role.INIT));
        Learner fast = lean(net, true).create(RandomStreams.of(4, RandomStreams.Role.INIT));
        assertArrayEquals(plain.parameters(), fast.parameters(), "the same draws");
        ConvLayout layout = net.equals("omniglot") ? OmniglotNet.layout(5) : MiniImageNetNet.layout(5);
        for (int rows : new int[] {10, 5}) { // two batch sizes: two cached shapes per block
            Batch batch = batch(net, rows, rows);
            float[] g1 = new float[plain.parameterCount()];
            float[] g2 = new float[fast.parameterCount()];
            double l1 = plain.lossAndGradient(batch, g1);
            double l2 = fast.lossAndGradient(batch, g2);
            assertEquals(l1, l2, 1e-5 * Math.abs(l1), "loss");
            for (int b = 0; b < layout.blocks; b++) {
                int[][] parts = {{layout.kernelOffset[b], layout.gammaOffset[b]},
                    {layout.gammaOffset[b], layout.betaOffset[b] + layout.filters}};
                for (int[] p : parts) {
                    double err = LeanConvNetTest.relativeError(g2, g1, p[0], p[1]);
                    assertTrue(err < 2e-3, "block " + b + " gradient [" + p[0] + ", " + p[1] + "): " + err);
                }
            }
            double denseErr = LeanConvNetTest.relativeError(g2, g1, layout.denseOffset, g1.length);
            assertTrue(denseErr < 2e-3, "dense gradient: " + denseErr);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"omniglot", "miniimagenet"})
    void repeatsBitForBit(String net) {
        Batch batch = batch(net, 6, 2);
        Learner first = lean(net, true).create(RandomStreams.of(8, RandomStreams.Role.INIT));
        float[] g1 = new float[first.parameterCount()];
        double l1 = first.lossAndGradient(batch, g1);
        for (Learner other : new Learner[] {first, first.copy(),
            lean(net, true).create(RandomStreams.of(8, RandomStreams.Role.INIT))}) {
            float[] g2 = new float[other.parameterCount()];
            double l2 = other.lossAndGradient(batch, g2);
            assertEquals(l1, l2, 0, "loss");
            assertArrayEquals(g1, g2, "gradient");
        }
    }

    /** Once oneDNN's convolutions ran, DL4J's reference nets (whose own oneDNN would crash the JVM) are refused. */
    @Test
    void dl4jNetsAreRefusedOnceOneDnnConvolutionsRan() {
        OneDnnRuntime.describe(); // loads the project's oneDNN
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Dl4jNets.omniglot(5).create(RandomStreams.of(1, RandomStreams.Role.INIT)));
        assertTrue(e.getMessage().contains("DL4J's reference nets") && e.getMessage().contains("restart the kernel"),
                e.getMessage());
    }
}
