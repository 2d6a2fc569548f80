package org.metalearn.dsl;

import static org.metalearn.dsl.Settings.Key;

import java.util.Locale;
import org.metalearn.eval.FewShotProtocol;
import org.metalearn.learn.FirstOrderMaml;
import org.metalearn.learn.InnerSettings;
import org.metalearn.learn.JointTraining;
import org.metalearn.learn.LinearSchedule;
import org.metalearn.learn.Maml;
import org.metalearn.learn.MetaAlgorithm;
import org.metalearn.learn.OuterOptimizer;
import org.metalearn.learn.Reptile;
import org.metalearn.learn.Tail;
import org.metalearn.learn.TaskExecution;
import org.metalearn.learn.TrainingPlan;
import org.metalearn.models.Activation;
import org.metalearn.models.LearnerFactory;
import org.metalearn.report.CurveRecorder;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.tasks.SineTasks;
import org.metalearn.tasks.TaskDistribution;

/**
 * Settings + preset -> a validated {@link Resolved} run. Precedence: what the user set, then the algorithm's own
 * defaults (second-order MAML: outer Adam 1e-3 -> 0), then the task family's {@link Preset}. The checks between
 * fields run here, once; {@link TrainingPlan} adds the plain API's own (pool size, MAML needs SGD).
 */
final class Resolver {
    /** Curve rows when not set: about 500, each the mean of a window of iterations. */
    static final int DEFAULT_CURVE_ROWS = 500;

    private Resolver() {
    }

    static Resolved resolve(Settings s) {
        TaskDistribution tasks = s.get(Key.TASKS, new SineTasks());
        Integer ways = s.get(Key.WAYS);
        Integer shots = s.get(Key.SHOTS);
        Integer trainShots = s.get(Key.TRAIN_SHOTS);
        if (!tasks.isClassification() && s.has(Key.EVAL_PROTOCOL)) {
            throw new IllegalArgumentException("evalProtocol: " + tasks.name() + " is not a classification task; "
                    + "regression runs are evaluated with their own inner loop");
        }
        if (!tasks.isClassification()) {
            Key given = ways != null ? Key.WAYS : shots != null ? Key.SHOTS : trainShots != null ? Key.TRAIN_SHOTS : null;
            if (given != null) {
                throw new IllegalArgumentException(given.label() + ": " + tasks.name() + " is not a classification "
                        + "task; ways, shots and trainShots apply to classification tasks such as Omniglot");
            }
        }
        Preset preset = Presets.forTasks(tasks.family(), tasks.isClassification(), ways, shots);
        Integer evalShots = null;
        if (tasks instanceof ClassificationTasks c) {
            ways = ways != null ? ways : preset.ways() != null ? preset.ways() : c.ways();
            evalShots = shots != null ? shots : preset.shots() != null ? preset.shots() : c.shots();
            trainShots = trainShots != null ? trainShots : preset.trainShots() != null ? preset.trainShots() : c.shots();
            tasks = c.shaped(ways, trainShots); // checks ways and trainShots against the data
            Rules.inRange("shots", evalShots, 1, c.testClasses().imagesPerClass() - 1,
                    " (one image per test class is the query)");
        }
        Settings.Algorithm kind = s.get(Key.ALGORITHM);
        Tail tail = s.get(Key.TAIL, Tail.shared());
        MetaAlgorithm algorithm = switch (kind) {
            case REPTILE -> new Reptile();
            case FOMAML -> new FirstOrderMaml(tail);
            case MAML -> new Maml(tail);
            case JOINT -> new JointTraining();
        };
        boolean maml = kind == Settings.Algorithm.MAML;
        Settings.Outer outer = s.get(Key.OUTER, maml ? Settings.Outer.ADAM : Settings.Outer.INTERPOLATION);
        LinearSchedule metaStep = s.get(Key.META_STEP, maml ? Presets.MAML_OUTER_ADAM : preset.metaStep());
        OptimizerChoice optimizer = s.get(Key.INNER_OPTIMIZER, preset.optimizer());
        int metaBatch = s.get(Key.META_BATCH, preset.metaBatch());
        TaskExecution execution = s.get(Key.EXECUTION, metaBatch > 1 ? TaskExecution.PARALLEL : TaskExecution.SEQUENTIAL);
        int workers = Math.min(s.get(Key.WORKERS, Runtime.getRuntime().availableProcessors()), metaBatch);
        long iterations = s.get(Key.META_ITERATIONS, preset.metaIterations());
        TrainingPlan plan = new TrainingPlan(tasks, model(s, preset, tasks, ways), algorithm, optimizer.supplier(),
                new InnerSettings(s.get(Key.INNER_STEPS, preset.innerSteps()), s.get(Key.INNER_BATCH, preset.innerBatch()),
                        s.get(Key.REPLACEMENT, false)),
                metaBatch, metaStep, iterations, s.get(Key.SEED, 0L),
                outer == Settings.Outer.ADAM ? OuterOptimizer::adam : OuterOptimizer::interpolation, execution, workers);
        FineTuning fineTuning = s.get(Key.EVAL_PROTOCOL, new FineTuning(preset.evalIterations(), preset.evalBatch()));
        FewShotProtocol evaluation = evalShots == null ? null
                : new FewShotProtocol(evalShots, fineTuning.iterations(), fineTuning.batch(), false,
                        preset.evalTasks());
        int window = CurveRecorder.windowFor(iterations, s.get(Key.CURVE_ROWS, DEFAULT_CURVE_ROWS));
        EvaluationSchedule during = s.get(Key.EVALUATE_EVERY);
        if (during != null && during.every() > 0) {
            window = largestDivisorAtMost(during.every(), window); // every evaluation on a curve row
        }
        return new Resolved(plan, preset, optimizer, outer, evaluation, window, during);
    }

    private static int largestDivisorAtMost(long n, int max) {
        for (int d = (int) Math.min(max, n); d > 1; d--) {
            if (n % d == 0) {
                return d;
            }
        }
        return 1;
    }

    private static LearnerFactory model(Settings s, Preset preset, TaskDistribution tasks, Integer ways) {
        LearnerFactory model = s.get(Key.MODEL);
        if (model != null) {
            return model;
        }
        if (preset.model() == null) {
            throw new IllegalArgumentException("model: " + tasks.family() + " has no default model; set one with "
                    + "model(...)");
        }
        return preset.model().create(ways == null ? 0 : ways, s.get(Key.ACTIVATION, (Activation) null));
    }

    /** What the settings would run, or why they cannot run yet; never throws. */
    static String describe(Settings s) {
        try {
            return resolve(s).toString();
        } catch (RuntimeException e) {
            return s.get(Key.ALGORITHM).toString().toLowerCase(Locale.ROOT) + " " + s
                    + " (not runnable yet: " + e.getMessage() + ")";
        }
    }
}
