package org.metalearn.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.metalearn.dsl.Presets;
import org.metalearn.eval.FewShotProtocol;
import org.metalearn.learn.Adam;
import org.metalearn.learn.InnerSettings;
import org.metalearn.learn.TaskExecution;
import org.metalearn.models.Convolutions;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.util.RandomStreams;

/**
 * The Omniglot lines of {@code bench conv}: the paper's 5-way Omniglot net (28x28, four blocks of 64 filters with
 * stride 2) at Table 3's settings: an inner step of 10 and of 5 images, the meta-iteration (5 tasks x 5 steps of
 * 10) with tasks in parallel and in sequence, a forward of 26 images, and the 5-shot evaluation task on one core
 * and on all.
 */
final class OmniglotBench {
    private OmniglotBench() {
    }

    /** Omniglot 5-way's FLOPs (see {@link Flops} for what is counted). */
    static final Flops.Net NET = Flops.omniglot(5);

    static List<Bench.Row> rows(int samples, Convolutions choice) {
        int cores = Runtime.getRuntime().availableProcessors();
        Learner net = choice.omniglot(5).create(RandomStreams.of(0, RandomStreams.Role.INIT));
        System.out.printf(Locale.ROOT, "conv net: %s, convolutions: %s%n", net.getClass().getSimpleName(), choice);
        var rng = RandomStreams.of(2, RandomStreams.Role.TASKS);
        Batch[] batches = RandomImages.batches(25, 10, 784, 5, rng);
        Adam adam = new Adam(1e-3);
        float[] phi = net.parameters();
        float[] grad = new float[phi.length];
        int[] k = {0};
        Timing step = Timing.measure(Bench.tag(choice, "conv inner step (batch 10, Adam)"), 300, samples, 20, () -> {
            net.setParameters(phi);
            net.lossAndGradient(batches[k[0]++ % 25], grad);
            adam.step(phi, grad);
        });
        Batch[] fives = RandomImages.batches(25, 5, 784, 5, rng);
        Timing step5 = Timing.measure(Bench.tag(choice, "conv inner step (batch 5, Adam)"), 300, samples, 20, () -> {
            net.setParameters(phi);
            net.lossAndGradient(fives[k[0]++ % 25], grad);
            adam.step(phi, grad);
        });
        Timing parallel = metaIteration(Bench.tag(choice, "conv Reptile meta-iteration (5x5 steps)"), choice,
                TaskExecution.PARALLEL, cores, samples);
        Timing sequential = metaIteration(Bench.tag(choice, "  same, tasks in sequence (official order)"), choice,
                TaskExecution.SEQUENTIAL, cores, samples);
        double meta = 5 * 5 * NET.step(10);
        double eval = Flops.evalTask(NET, 50, 5, 5, 25);
        float[] in26 = Arrays.copyOf(batches[0].inputs(), 26 * 784);
        Timing forward = Timing.measure(Bench.tag(choice, "conv forward 26 images (batch statistics)"), 200, samples,
                20, () -> net.predict(in26, 26));
        Timing evalTask = evaluation(Bench.tag(choice, "conv eval task (5-shot: 50 steps of 5 + 5 queries)"), choice,
                1, samples);
        Timing evalThroughput = evaluation(Bench.tag(choice, "  same, tasks on all cores (time per task)"), choice,
                cores, samples);
        return List.of(new Bench.Row(step, "conv inner step (fit batch10)", NET.step(10), 1),
                new Bench.Row(parallel, "conv Reptile meta-iteration (5x5 steps + interp)", meta, cores),
                new Bench.Row(sequential, "conv Reptile meta-iteration (5x5 steps + interp)", meta,
                        Bench.coresTaken(choice, cores)),
                new Bench.Row(step5, "conv inner step (fit batch5, eval-style)", NET.step(5), 1),
                new Bench.Row(forward, "conv forward 26 imgs (train-mode BN)", NET.forward(26), 1),
                new Bench.Row(evalTask, EVAL_TASK, eval, 1), new Bench.Row(evalThroughput, EVAL_TASK, eval, cores));
    }

    /** The peer has no evaluation task: it is derived as 50 batch-5 steps + 5 forwards of 26 images. */
    static final String EVAL_TASK = "eval task (derived: 50 steps of 5 + 5 forwards of 26)";

    static void deriveEvalTask(Map<String, Timing> torch) {
        Bench.deriveEvalTask(torch, EVAL_TASK, "conv inner step (fit batch5, eval-style)", 50,
                "conv forward 26 imgs (train-mode BN)", 5);
    }

    /**
     * Meta-iterations of the real engine (task sampling, batching, 5 tasks x 5 Adam steps of 10, interpolation)
     * on Table 3's 5-way settings; each sample is the mean of 10 iterations after 10 of warm-up.
     */
    static Timing metaIteration(String name, Convolutions choice, TaskExecution execution, int workers, int samples) {
        var tasks = new ClassificationTasks("bench", new RandomImages(60, 20, 1), 5, 10);
        return EngineTimings.metaIteration(name, tasks, choice.omniglot(5), new InnerSettings(5, 10, false), 5,
                execution, workers, samples, 10, 10);
    }

    /** Few-shot evaluation tasks (5-way 5-shot, 50 Adam steps of 5, queries one at a time with the support set). */
    static Timing evaluation(String name, Convolutions choice, int workers, int samples) {
        return EngineTimings.evaluation(name, evalTasks(), choice.omniglot(5), evalProtocol(workers), workers,
                samples);
    }

    /** The evaluation lines' tasks: 5-way 5-shot from random images. */
    static ClassificationTasks evalTasks() {
        return new ClassificationTasks("bench", new RandomImages(60, 20, 1), 5, 5);
    }

    /** The evaluation lines' protocol: Table 3's 50 steps of 5, non-transductive, 4 tasks per worker a sample. */
    static FewShotProtocol evalProtocol(int workers) {
        return new FewShotProtocol(5, Presets.OMNIGLOT_5WAY.evalIterations(), 5, false, 4 * workers);
    }
}
