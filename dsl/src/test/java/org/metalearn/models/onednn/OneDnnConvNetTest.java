package org.metalearn.models.onednn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.metalearn.learn.Adam;
import org.metalearn.learn.InnerSettings;
import org.metalearn.learn.LinearSchedule;
import org.metalearn.learn.OuterOptimizer;
import org.metalearn.learn.Reptile;
import org.metalearn.learn.TaskExecution;
import org.metalearn.learn.Trainer;
import org.metalearn.learn.TrainingPlan;
import org.metalearn.models.dl4j.Dl4jNets;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.tasks.SyntheticClasses;
import org.metalearn.util.RandomStreams;
import org.metalearn.models.ConvLayout;
import org.metalearn.models.Dl4jReferenceDump;
import org.metalearn.models.Learner;
import org.metalearn.models.LearnerFactory;
import org.metalearn.models.MiniImageNetNet;
import org.metalearn.models.OmniglotNet;
import org.metalearn.models.lean.LeanConvNet;
import org.metalearn.models.lean.LeanConvNetTest;

/**
 * {@link OneDnnConvNet} against the DL4J reference nets, computed in a child JVM ({@link Dl4jReferenceDump}: the two
 * oneDNN builds cannot share one): for the Omniglot 5- and 20-way and Mini-ImageNet 5-way nets, at perturbed
 * parameters, the loss, every gradient part (per block the kernel and the batch-norm pair; the dense layer) and the
 * softmax outputs on batches of 10 and 5, and the loss after 50 Adam steps; the conv bias gradient is ~0 in both
 * (it cancels under batch statistics) and only checked to be tiny. Measured agreement: ~1e-5 of each part's largest
 * value, so the bound is 1e-4 (the im2col net, whose float sums over large maps are less accurate, needs 2e-3 in its
 * own DL4J tests). Also: the same initial draws as the im2col net, bit-identical repeats, and clear errors.
 */
class OneDnnConvNetTest {
    private static final Map<String, DataInputStream> REFERENCE = new HashMap<>();

    @TempDir
    static Path folder;

    @BeforeAll
    static void computeTheReferenceInAChildJvm() throws IOException, InterruptedException {
        for (String[] net : List.of(new String[] {"omniglot", "5"}, new String[] {"miniimagenet", "5"})) {
            Path out = folder.resolve(net[0] + net[1] + ".bin");
            Path err = folder.resolve(net[0] + net[1] + ".err");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                    Dl4jReferenceDump.class.getName(), net[0], net[1], out.toString())
                    .redirectErrorStream(true).redirectOutput(err.toFile());
            // one OpenMP thread: ND4J's spinning workers took 10x longer (57 s vs 5 s) whenever the other core was busy
            builder.environment().put("OMP_NUM_THREADS", "1");
            Process child = builder.start();
            assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the DL4J child JVM timed out");
            assertEquals(0, child.exitValue(), () -> "the DL4J child JVM failed: " + read(err));
            REFERENCE.put(net[0] + net[1], new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(out))));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static float[] floats(DataInputStream in) throws IOException {
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    private static ConvLayout layout(String net, int ways) {
        return net.equals("omniglot") ? OmniglotNet.layout(ways) : MiniImageNetNet.layout(ways);
    }

    private static LearnerFactory factory(String net, int ways) {
        return net.equals("omniglot") ? OmniglotNet.oneDnn(ways) : MiniImageNetNet.oneDnn(ways);
    }

    @ParameterizedTest
    @CsvSource({"omniglot, 5", "miniimagenet, 5"})
    void lossEveryGradientOutputsAndFiftyAdamStepsMatchDl4j(String net, int ways) throws IOException {
        DataInputStream reference = REFERENCE.get(net + ways);
        ConvLayout layout = layout(net, ways);
        float[] theta = floats(reference);
        OneDnnConvNet fast = new OneDnnConvNet(layout, 1e-3f, theta);
        LeanConvNet im2col = new LeanConvNet(layout, 1e-3f, theta);
        for (int rows : Dl4jReferenceDump.BATCHES) {
            Batch batch = Dl4jReferenceDump.batch(net, rows, ways, rows);
            double expectedLoss = reference.readDouble();
            float[] expected = floats(reference);
            float[] expectedOutputs = floats(reference);
            float[] gradient = new float[theta.length];
            double loss = fast.lossAndGradient(batch, gradient);
            float[] yardstick = new float[theta.length];
            im2col.lossAndGradient(batch, yardstick);
            assertEquals(expectedLoss, loss, 1e-5 * Math.abs(expectedLoss), rows + " images: loss");
            for (int b = 0; b < layout.blocks(); b++) {
                int[][] parts = {{layout.kernelOffset(b), layout.gammaOffset(b)},
                    {layout.gammaOffset(b), layout.betaOffset(b) + layout.filters()}};
                for (int[] p : parts) {
                    double err = LeanConvNetTest.relativeError(gradient, expected, p[0], p[1]);
                    double im2colErr = LeanConvNetTest.relativeError(yardstick, expected, p[0], p[1]);
                    assertTrue(err < Math.max(1e-4, 2 * im2colErr), rows + " images, block " + b + " gradient ["
                            + p[0] + ", " + p[1] + "): relative error " + err + " (im2col net: " + im2colErr + ")");
                }
                double kernelScale = LeanConvNetTest.relativeError(expected, new float[expected.length],
                        layout.kernelOffset(b), layout.gammaOffset(b));
                double bias = LeanConvNetTest.relativeError(gradient, new float[expected.length],
                        layout.biasOffset(b), layout.kernelOffset(b));
                assertTrue(bias < 1e-3 * kernelScale, "conv bias gradient ~0: " + bias + " vs kernel " + kernelScale);
            }
            double dense = LeanConvNetTest.relativeError(gradient, expected, layout.denseOffset(), theta.length);
            assertTrue(dense < 1e-4, rows + " images, dense gradient: relative error " + dense);
            float[] outputs = fast.predict(batch.inputs(), rows);
            double outputErr = LeanConvNetTest.relativeError(outputs, expectedOutputs, 0, outputs.length);
            assertTrue(outputErr < 1e-4, "softmax outputs: relative error " + outputErr);
            assertEquals(loss, fast.loss(batch), 0, "loss without a gradient: the same forward pass");
        }
        // Adam divides each gradient by its own running scale, so where a gradient is float noise (the conv biases)
        // the parameters drift apart; the losses must still agree, as for the im2col net's DL4J test
        Adam adam = new Adam(1e-3);
        double untrained = fast.loss(Dl4jReferenceDump.batch(net, 10, ways, 100));
        float[] p = theta.clone();
        float[] gradient = new float[p.length];
        for (int s = 0; s < Dl4jReferenceDump.ADAM_STEPS; s++) {
            fast.setParameters(p);
            fast.lossAndGradient(Dl4jReferenceDump.batch(net, 10, ways, 100 + s % 5), gradient);
            adam.step(p, gradient);
        }
        fast.setParameters(p);
        floats(reference); // DL4J's parameters after the steps: not compared, see above
        double first = fast.loss(Dl4jReferenceDump.batch(net, 10, ways, 100));
        for (int i = 0; i < 5; i++) {
            double expectedLoss = reference.readDouble();
            double loss = fast.loss(Dl4jReferenceDump.batch(net, 10, ways, 100 + i));
            assertEquals(expectedLoss, loss, 0.02 * Math.abs(expectedLoss) + 1e-3, "loss after 50 Adam steps");
        }
        assertTrue(first < 0.5 * untrained, "trained: " + untrained + " -> " + first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"omniglot", "miniimagenet"})
    void drawsTheImColNetsParametersAndRepeatsBitForBit(String net) {
        LearnerFactory im2col = net.equals("omniglot") ? OmniglotNet.lean(5) : MiniImageNetNet.lean(5);
        Learner first = factory(net, 5).create(RandomStreams.of(8, RandomStreams.Role.INIT));
        assertArrayEquals(im2col.create(RandomStreams.of(8, RandomStreams.Role.INIT)).parameters(),
                first.parameters(), "the same draws");
        Batch batch = Dl4jReferenceDump.batch(net, 6, 5, 2);
        Batch other = Dl4jReferenceDump.batch(net, 3, 5, 3);
        float[] g1 = new float[first.parameterCount()];
        double l1 = first.lossAndGradient(batch, g1);
        first.lossAndGradient(other, new float[g1.length]); // another batch size in between
        for (Learner again : new Learner[] {first, first.copy(),
            factory(net, 5).create(RandomStreams.of(8, RandomStreams.Role.INIT))}) {
            float[] g2 = new float[again.parameterCount()];
            assertEquals(l1, again.lossAndGradient(batch, g2), 0, "loss");
            assertArrayEquals(g1, g2, "gradient");
        }
    }

    @Test
    void moreThreadsComputeEveryBitAsOneThreadDoes() {
        // the batch sizes the presets use: Omniglot inner batches of 10 (5-way) and 20 (20-way), evaluation steps
        // of 5 and forwards of 26 / 101; Mini-ImageNet batches of 10 and 15, forwards of 26
        Object[][] cases = {{"omniglot", 5, 10}, {"omniglot", 5, 5}, {"omniglot", 5, 26}, {"omniglot", 20, 20},
            {"omniglot", 20, 101}, {"miniimagenet", 5, 10}, {"miniimagenet", 5, 15}, {"miniimagenet", 5, 26}};
        List<String> threaded = new ArrayList<>();
        for (Object[] c : cases) {
            String net = (String) c[0];
            int ways = (Integer) c[1];
            int n = (Integer) c[2];
            String what = net + " " + ways + "-way, batch " + n;
            Learner one = factory(net, ways).create(RandomStreams.of(4, RandomStreams.Role.INIT));
            OneDnnConvNet two = (OneDnnConvNet) factory(net, ways).create(RandomStreams.of(4, RandomStreams.Role.INIT));
            two.lendCores(2);
            Adam adamOne = new Adam(1e-3);
            Adam adamTwo = new Adam(1e-3);
            float[] p1 = one.parameters();
            float[] p2 = two.parameters();
            for (int step = 0; step < 3; step++) { // a few steps: the parameters move, the bits must still agree
                Batch batch = Dl4jReferenceDump.batch(net, n, ways, 40 + step);
                float[] g1 = new float[p1.length];
                float[] g2 = new float[p2.length];
                assertEquals(one.lossAndGradient(batch, g1), two.lossAndGradient(batch, g2), 0, what + " loss");
                assertArrayEquals(g1, g2, what + " gradient, step " + step);
                assertArrayEquals(one.predict(batch.inputs(), n), two.predict(batch.inputs(), n), what + " outputs");
                adamOne.step(p1, g1);
                adamTwo.step(p2, g2);
                one.setParameters(p1);
                two.setParameters(p2);
            }
            if (two.threadsFor(n) == 2) {
                threaded.add(what);
            }
        }
        // where oneDNN would split a sum across threads the net keeps one thread (same bits, no speed-up); the
        // check must not refuse everywhere, or the threads would never be used
        assertTrue(threaded.contains("miniimagenet 5-way, batch 10") || threaded.contains("omniglot 5-way, batch 10"),
                "runs on 2 threads: " + threaded);
        System.out.println("OneDnnConvNet: 2 threads keep the bits (and are used) for " + threaded);
    }

    @Test
    void kernelGradientsOnOneThreadKeepTheBitsAndAreUsedOnlyWhereThreadedOnesDoNot() {
        // on AVX-512 (an Intel Xeon here) oneDNN splits the kernel-gradient sums of Mini-ImageNet's large maps across
        // threads; on AVX2 it does not. Either way those gradients on one thread must keep the bits, and be chosen
        // exactly when the fully threaded plan does not keep them
        for (int n : new int[] {10, 15, 26}) {
            OneDnnConvNet net = (OneDnnConvNet) factory("miniimagenet", 5).create(RandomStreams.of(4,
                    RandomStreams.Role.INIT));
            net.lendCores(2);
            assertTrue(net.sameBits(n, true), "kernel gradients on one thread keep the bits, batch " + n);
            assertEquals(!net.sameBits(n, false), net.serialWeightsFor(n), "chosen only when needed, batch " + n);
            assertEquals(2, net.threadsFor(n), "so the batch runs on 2 threads, batch " + n);
            System.out.println("OneDnnConvNet: Mini-ImageNet batch " + n + " on 2 threads, kernel gradients on "
                    + (net.serialWeightsFor(n) ? "one thread" : "both"));
        }
    }

    @Test
    void aMetaBatchOnTheMiniImageNetNetDoesNotDependOnTheNumberOfWorkers() {
        // meta-batch 5 on 2 workers: the fifth task runs on both cores (ParallelMetaBatch.threadsFor)
        var images = new SyntheticClasses(8, 4, 84 * 84 * 3, 0.3, 6);
        var tasks = new ClassificationTasks("synthetic", images, 5, 2);
        float[][] results = new float[3][];
        for (int w = 1; w <= 3; w++) {
            var plan = new TrainingPlan(tasks, MiniImageNetNet.oneDnn(5),
                    new Reptile(), () -> new Adam(1e-3),
                    new InnerSettings(2, 5, false), 5,
                    new LinearSchedule(1, 0), 2, 3,
                    OuterOptimizer::interpolation, TaskExecution.PARALLEL, w);
            var trainer = new Trainer(plan);
            var state = trainer.initialState();
            trainer.train(state, List.of());
            results[w - 1] = state.theta();
        }
        assertArrayEquals(results[0], results[1], "1 vs 2 workers");
        assertArrayEquals(results[0], results[2], "1 vs 3 workers");
    }

    @Test
    void parametersAreCopiedInAndCopiesAreIndependent() {
        Learner net = OmniglotNet.oneDnn(5).create(RandomStreams.of(1, RandomStreams.Role.INIT));
        Learner copy = net.copy();
        Batch batch = Dl4jReferenceDump.batch("omniglot", 4, 5, 9);
        float[] before = copy.predict(batch.inputs(), 4);
        float[] p = net.parameters();
        p[OmniglotNet.layout(5).denseOffset()] += 1f; // the dense head reads the Java array
        p[OmniglotNet.layout(5).kernelOffset(2)] += 1f; // a kernel goes to native memory
        net.setParameters(p);
        assertArrayEquals(before, copy.predict(batch.inputs(), 4), "the copy kept its parameters");
        float[] changed = net.predict(batch.inputs(), 4);
        net.setParameters(copy.parameters());
        assertArrayEquals(before, net.predict(batch.inputs(), 4), "setting the parameters back restores the outputs");
        assertTrue(!Arrays.equals(before, changed), "the changed parameters changed the outputs");
    }

    @Test
    void badInputsAreRefusedClearly() {
        Learner net = OmniglotNet.oneDnn(5).create(RandomStreams.of(1, RandomStreams.Role.INIT));
        String shape = assertThrows(IllegalArgumentException.class, () -> net.predict(new float[700], 1)).getMessage();
        assertEquals("expected 1 images of 28x28x1 = 784 values, got 700", shape);
        Batch wrongWays = Dl4jReferenceDump.batch("omniglot", 2, 20, 1);
        assertEquals("expected one-hot targets of width 5, got 20", assertThrows(IllegalArgumentException.class,
                () -> net.loss(wrongWays)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.setParameters(new float[3]));
        assertThrows(IllegalArgumentException.class,
                () -> net.lossAndGradient(Dl4jReferenceDump.batch("omniglot", 2, 5, 1), new float[3]));
    }

    /** Once oneDNN's nets ran, DL4J's reference nets (whose own oneDNN would crash the JVM) are refused. */
    @Test
    void dl4jNetsAreRefusedOnceOneDnnNetsRan() {
        OmniglotNet.oneDnn(5).create(RandomStreams.of(1, RandomStreams.Role.INIT));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Dl4jNets.omniglot(5).create(RandomStreams.of(1, RandomStreams.Role.INIT)));
        assertTrue(e.getMessage().contains("DL4J's reference nets") && e.getMessage().contains("restart the kernel")
                && e.getMessage().contains("-Dmetalearn.convolutions=im2col"), e.getMessage());
    }
}
