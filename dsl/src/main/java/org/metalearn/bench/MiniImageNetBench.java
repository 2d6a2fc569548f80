package org.metalearn.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.metalearn.dsl.Preset;
import org.metalearn.dsl.Presets;
import org.metalearn.eval.FewShotProtocol;
import org.metalearn.learn.Adam;
import org.metalearn.learn.InnerSettings;
import org.metalearn.learn.TaskExecution;
import org.metalearn.models.Convolutions;
import org.metalearn.models.Learner;
import org.metalearn.models.LearnerFactory;
import org.metalearn.models.MiniImageNetNet;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.util.RandomStreams;

/**
 * The Mini-ImageNet lines of {@code bench mini}: the same operations as the Omniglot conv lines, on the paper's
 * Mini-ImageNet net (84x84x3, four blocks of 32 filters with max-pooling) at Table 4's settings as the presets
 * hold them. Training is the same in both columns (5-way, 8 Adam steps of 10 from 15 shots, meta-batch 5); the
 * evaluation lines use the 5-shot column (50 steps of 15, each query forwarded with the 25 support images), the
 * Omniglot lines' choice too. Each Mini-ImageNet image costs ~10x an Omniglot one, so the repetition counts here
 * are smaller than the conv lines' (still >= 3 samples, the --samples count).
 */
final class MiniImageNetBench {
    private MiniImageNetBench() {
    }

    /** Table 4: training numbers (identical in both columns) and the 5-shot column's evaluation. */
    static final Preset PRESET = Presets.MINI_IMAGENET_5SHOT;
    static final int WAYS = PRESET.ways();
    static final int SIZE = MiniImageNetNet.SIDE * MiniImageNetNet.SIDE * MiniImageNetNet.CHANNELS;
    static final Flops.Net NET = Flops.miniImageNet(WAYS);

    /**
     * Samples per peer line (its meta-iteration takes a quarter as many, at least 3): a PyTorch meta-iteration of
     * this net takes seconds, so the conv lines' 60 would make the peer alone run for many minutes.
     */
    static final int PEER_SAMPLES = 12;

    /** Support images of an evaluation task and the forward each query is classified with (support + 1). */
    static final int SUPPORT = WAYS * PRESET.shots();

    static final String STEP = "mini inner step (fit batch10)";
    static final String META = String.format(Locale.ROOT, "mini Reptile meta-iteration (%dx%d steps + interp)",
            PRESET.metaBatch(), PRESET.innerSteps());
    static final String EVAL_STEP = "mini inner step (fit batch" + PRESET.evalBatch() + ", eval-style)";
    static final String FORWARD = "mini forward " + (SUPPORT + 1) + " imgs (train-mode BN)";
    static final String EVAL_TASK = String.format(Locale.ROOT, "mini eval task (derived: %d steps of %d + %d forwards "
            + "of %d)", PRESET.evalIterations(), PRESET.evalBatch(), WAYS, SUPPORT + 1);

    /** The peer's evaluation task, from its steps and forwards as for the Omniglot line. */
    static void deriveEvalTask(Map<String, Timing> torch) {
        Bench.deriveEvalTask(torch, EVAL_TASK, EVAL_STEP, PRESET.evalIterations(), FORWARD, WAYS);
    }

    static List<Bench.Row> rows(int samples, Convolutions choice) {
        int cores = Runtime.getRuntime().availableProcessors();
        LearnerFactory model = choice.miniImageNet(WAYS);
        Learner net = model.create(RandomStreams.of(0, RandomStreams.Role.INIT));
        System.out.printf(Locale.ROOT, "mini net: %s (convolutions: %s), %d parameters, %.1f MFLOP forward + %.1f "
                + "backward an image%n", net.getClass().getSimpleName(), choice, net.parameters().length,
                NET.forward() / 1e6, NET.backward() / 1e6);
        var rng = RandomStreams.of(3, RandomStreams.Role.TASKS);
        int batch = PRESET.innerBatch();
        Batch[] tens = RandomImages.batches(8, batch, SIZE, WAYS, rng);
        Batch[] evals = RandomImages.batches(8, PRESET.evalBatch(), SIZE, WAYS, rng);
        Adam adam = new Adam(PRESET.optimizer().learningRate());
        float[] phi = net.parameters();
        float[] grad = new float[phi.length];
        int[] k = {0};
        // ~50 ms a step: 20 untimed steps cover the JIT, 5 steps a sample smooth the other job's interruptions
        Timing step = Timing.measure(Bench.tag(choice, "mini inner step (batch " + batch + ", Adam)"), 20, samples, 5,
                () -> {
                    net.setParameters(phi);
                    net.lossAndGradient(tens[k[0]++ % tens.length], grad);
                    adam.step(phi, grad);
                });
        Timing evalStep = Timing.measure(Bench.tag(choice, "mini inner step (batch " + PRESET.evalBatch() + ", Adam)"),
                10, samples, 5, () -> {
                    net.setParameters(phi);
                    net.lossAndGradient(evals[k[0]++ % evals.length], grad);
                    adam.step(phi, grad);
                });
        var tasks = new ClassificationTasks("bench", new RandomImages(20, 20, SIZE, 1), WAYS, PRESET.trainShots());
        InnerSettings inner = new InnerSettings(PRESET.innerSteps(), batch, false);
        String meta = String.format(Locale.ROOT, "mini Reptile meta-iteration (%dx%d steps)", PRESET.metaBatch(),
                PRESET.innerSteps());
        // ~1 s an iteration: 2 untimed (JIT, per-worker nets) and 2 per sample
        Timing parallel = EngineTimings.metaIteration(Bench.tag(choice, meta), tasks, model, inner,
                PRESET.metaBatch(), TaskExecution.PARALLEL, cores, samples, 2, 2);
        Timing sequential = EngineTimings.metaIteration(Bench.tag(choice, "  same, tasks in sequence (official order)"),
                tasks, model, inner, PRESET.metaBatch(), TaskExecution.SEQUENTIAL, cores, samples, 2, 2);
        float[] support = Arrays.copyOf(tens[0].inputs(), (SUPPORT + 1) * SIZE);
        String forwardName = Bench.tag(choice, "mini forward " + (SUPPORT + 1) + " images (batch statistics)");
        Timing forward = Timing.measure(forwardName, 10, samples, 5, () -> net.predict(support, SUPPORT + 1));
        var evalTasks = new ClassificationTasks("bench", new RandomImages(20, 20, SIZE, 2), WAYS, PRESET.shots());
        String evalName = String.format(Locale.ROOT, "mini eval task (%d-shot: %d steps of %d + %d queries)",
                PRESET.shots(), PRESET.evalIterations(), PRESET.evalBatch(), WAYS);
        // several seconds a task: one task (one per core) a sample
        Timing evalTask = EngineTimings.evaluation(Bench.tag(choice, evalName), evalTasks, model, protocol(1), 1,
                samples);
        Timing evalAll = EngineTimings.evaluation(Bench.tag(choice, "  same, tasks on all cores (time per task)"),
                evalTasks, model, protocol(cores), cores, samples);
        double metaGflop = PRESET.metaBatch() * PRESET.innerSteps() * NET.step(batch);
        double evalGflop = Flops.evalTask(NET, PRESET.evalIterations(), PRESET.evalBatch(), WAYS, SUPPORT);
        return List.of(new Bench.Row(step, STEP, NET.step(batch), 1),
                new Bench.Row(parallel, META, metaGflop, cores), new Bench.Row(sequential, META, metaGflop,
                        Bench.coresTaken(choice, cores)),
                new Bench.Row(evalStep, EVAL_STEP, NET.step(PRESET.evalBatch()), 1),
                new Bench.Row(forward, FORWARD, NET.forward(SUPPORT + 1), 1),
                new Bench.Row(evalTask, EVAL_TASK, evalGflop, 1), new Bench.Row(evalAll, EVAL_TASK, evalGflop, cores));
    }

    private static FewShotProtocol protocol(int tasks) {
        return new FewShotProtocol(PRESET.shots(), PRESET.evalIterations(), PRESET.evalBatch(), false, tasks);
    }
}
