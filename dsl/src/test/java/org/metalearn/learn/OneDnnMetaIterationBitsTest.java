package org.metalearn.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metalearn.models.Activation;
import org.metalearn.models.CoreLending;
import org.metalearn.models.Initializers;
import org.metalearn.models.Learner;
import org.metalearn.models.OmniglotNet;
import org.metalearn.models.lean.DenseNet;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.tasks.SineTasks;
import org.metalearn.tasks.SyntheticClasses;
import org.metalearn.tasks.Task;
import org.metalearn.util.RandomStreams;

/**
 * Pins the bits of a few meta-iterations with tasks in parallel: the parameters and the inner optimizer's state
 * after them must stay what the engine computed before its serial parts (copies, merge, sums) were spread over the
 * workers, for any number of workers; a speed-up of the engine may not change a single bit of a result. It runs in
 * the oneDNN tests' JVM (dsl/pom.xml), where no DL4J net runs beside the oneDNN ones.
 */
class OneDnnMetaIterationBitsTest {
    /** Digests of theta and of the inner Adam state, computed by the engine as it was before the change. */
    private static final String SINE_BETA1_0 = "f98ab5e2fb46cb5fa5a1b3abd23f9ae83528b6c9bf2033fce431bd5a77a89641";
    private static final String SINE_BETA1_09_OUTER_ADAM = "3625847883fb9d803df02dea327cde90019962504661f317e7e3abd7ce02a7ce";
    private static final String WIDE_SINE = "7614810853a2b7b2b80d3c112af511374eb5499f5e0c6e6c387bcb5ccf58fde3";
    private static final int[] NARROW = {1, 32, 32, 1};
    /** Over 20,000 parameters: the workers share the merge in chunks (ParallelMetaBatch). */
    private static final int[] WIDE = {1, 160, 128, 1};

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void theSineMlpsBitsArePinned(int workers) {
        assertEquals(SINE_BETA1_0, digestOfRun(NARROW, () -> new Adam(0.01), OuterOptimizer::interpolation,
                workers));
        assertEquals(SINE_BETA1_09_OUTER_ADAM, digestOfRun(NARROW, () -> new Adam(0.01, 0.9, 0.999, 1e-8),
                OuterOptimizer::adam, workers));
        assertEquals(WIDE_SINE, digestOfRun(WIDE, () -> new Adam(0.01, 0.9, 0.999, 1e-8),
                OuterOptimizer::interpolation, workers));
    }

    /**
     * The oneDNN Omniglot net (its bits depend on the CPU's instruction set, so no digest is pinned): the engine
     * equals the plain computation of the same meta-iterations, one task after another on learners lent the same
     * cores, each task's optimizer a copy of the start, states merged by {@link Adam#merge} and deltas summed in
     * task order.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void theOneDnnOmniglotNetEqualsThePlainComputation(int workers) {
        var images = new SyntheticClasses(12, 6, 28 * 28, 0.3, 4);
        var tasks = new ClassificationTasks("synthetic", images, 5, 2);
        InnerSettings inner = new InnerSettings(3, 10, true);
        int n = 5;
        var plan = new TrainingPlan(tasks, OmniglotNet.oneDnn(5), new Reptile(), () -> new Adam(1e-3), inner, n,
                new LinearSchedule(1, 0), 3, 5, OuterOptimizer::interpolation, TaskExecution.PARALLEL, workers);
        Trainer trainer = new Trainer(plan);
        MetaState engine = trainer.initialState();
        trainer.train(engine, List.of());

        MetaState plain = trainer.initialState();
        float[] theta = plain.theta();
        InnerOptimizer optimizer = plain.optimizer();
        Learner[] learners = new Learner[n];
        for (int t = 0; t < n; t++) {
            learners[t] = plan.model().create(RandomStreams.of(plan.seed(), RandomStreams.Role.INIT));
        }
        for (long i = 0; i < plan.metaIterations(); i++) {
            Task[] sampled = new Task[n];
            long[] seeds = new long[n];
            for (int t = 0; t < n; t++) {
                sampled[t] = tasks.sample(plain.taskRng());
                seeds[t] = plain.batchRng().nextLong();
            }
            OptimizerState start = optimizer.state();
            List<OptimizerState> ends = new ArrayList<>();
            float[] sum = new float[theta.length];
            for (int t = 0; t < n; t++) {
                InnerOptimizer own = optimizer.copy();
                float[] delta = new float[theta.length];
                learners[t].lendCores(CoreLending.coresFor(t, n, Math.min(workers, n)));
                new Reptile().contribution(learners[t], own, theta, sampled[t], inner,
                        RandomStreams.fromSeed(seeds[t]), delta);
                ends.add(own.state());
                for (int p = 0; p < sum.length; p++) {
                    sum[p] += delta[p];
                }
            }
            optimizer.merge(start, ends);
            for (int p = 0; p < sum.length; p++) {
                sum[p] *= 1f / n;
            }
            plain.outer().apply(theta, sum, plan.metaStep().at(i, plan.metaIterations()));
        }
        assertArrayEquals(theta, engine.theta(), "parameters");
        System.out.println("OneDnnMetaIterationBitsTest: oneDNN Omniglot net, " + workers + " workers, digest "
                + digest(List.of(theta)));
        assertEquals(optimizer.state(), engine.optimizer().state(), "inner optimizer state");
    }

    /**
     * Reptile with an MLP of layer {@code sizes} on sine tasks, meta-batch 5, 7 meta-iterations; the digest of theta
     * and of the optimizers' states.
     */
    private static String digestOfRun(int[] sizes, Supplier<InnerOptimizer> optimizer,
                                      Supplier<OuterOptimizer> outer, int workers) {
        TrainingPlan plan = new TrainingPlan(new SineTasks(20), rng -> new DenseNet(sizes, Activation.TANH,
                Initializers.torchLinearDefault(sizes, RandomStreams.of(9, RandomStreams.Role.INIT))),
                new Reptile(), optimizer, new InnerSettings(4, 5, false), 5, new LinearSchedule(0.5, 0.0), 7, 9,
                outer, TaskExecution.PARALLEL, workers);
        Trainer trainer = new Trainer(plan);
        MetaState state = trainer.initialState();
        trainer.train(state, List.of());
        OptimizerState inner = state.optimizer().state();
        List<float[]> parts = new ArrayList<>(List.of(state.theta()));
        for (float[] slot : inner.slots()) {
            parts.add(slot == null ? new float[0] : slot);
        }
        parts.add(new float[] {inner.steps()});
        for (float[] slot : state.outer().state().slots()) {
            parts.add(slot == null ? new float[0] : slot);
        }
        return digest(parts);
    }

    private static String digest(List<float[]> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (float[] values : parts) {
                ByteBuffer buf = ByteBuffer.allocate(4 + values.length * 4).putInt(values.length);
                for (float v : values) {
                    buf.putFloat(v);
                }
                sha.update(buf.array());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
