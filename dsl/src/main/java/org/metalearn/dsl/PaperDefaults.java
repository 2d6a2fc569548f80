package org.metalearn.dsl;

import org.metalearn.models.Activation;
import org.metalearn.models.LearnerFactory;
import org.metalearn.models.SineMlp;
import org.metalearn.tasks.TaskDistribution;

/**
 * Every hyper-parameter the DSL fills in when the user does not, with its source. Regression (sine) takes
 * the official Reptile sine demo (PAPER.md 3, Figure 1); classification takes Table 3's 5-way Omniglot row.
 */
public final class PaperDefaults {
    private PaperDefaults() {
    }

    /** Sine demo: 5 SGD steps of 10 points (one pass over the 50-point grid). */
    public static final int SINE_INNER_STEPS = 5;
    public static final int SINE_INNER_BATCH = 10;
    public static final double SINE_SGD_LR = 0.02;
    public static final int SINE_META_BATCH = 1;
    public static final double SINE_META_STEP = 0.1;
    public static final long SINE_META_ITERATIONS = 30_000;

    /** Table 3, Omniglot 5-way. */
    public static final int OMNIGLOT_INNER_STEPS = 5;
    public static final int OMNIGLOT_INNER_BATCH = 10;
    public static final double OMNIGLOT_ADAM_LR = 0.001;
    public static final int OMNIGLOT_META_BATCH = 5;
    public static final double OMNIGLOT_META_STEP = 1.0;
    public static final long OMNIGLOT_META_ITERATIONS = 100_000;

    /** PAPER.md 1.6: eps annealed linearly to 0 in every paper run. */
    public static final double META_STEP_FINAL = 0.0;
    public static final long SEED = 0;

    static int innerSteps(TaskDistribution t) {
        return t.isClassification() ? OMNIGLOT_INNER_STEPS : SINE_INNER_STEPS;
    }

    static int innerBatch(TaskDistribution t) {
        return t.isClassification() ? OMNIGLOT_INNER_BATCH : SINE_INNER_BATCH;
    }

    static OptimizerChoice optimizer(TaskDistribution t) {
        return t.isClassification() ? new OptimizerChoice(OptimizerChoice.Kind.ADAM, OMNIGLOT_ADAM_LR)
                : new OptimizerChoice(OptimizerChoice.Kind.SGD, SINE_SGD_LR);
    }

    static int metaBatch(TaskDistribution t) {
        return t.isClassification() ? OMNIGLOT_META_BATCH : SINE_META_BATCH;
    }

    static double metaStep(TaskDistribution t) {
        return t.isClassification() ? OMNIGLOT_META_STEP : SINE_META_STEP;
    }

    static long metaIterations(TaskDistribution t) {
        return t.isClassification() ? OMNIGLOT_META_ITERATIONS : SINE_META_ITERATIONS;
    }

    static LearnerFactory model(TaskDistribution t, Activation activation) {
        if (t instanceof org.metalearn.tasks.ClassificationTasks c) {
            return c.defaultModel().orElseThrow(() -> new IllegalArgumentException("model: " + t.name()
                    + " has no default model; set one with model(...)"));
        }
        return SineMlp.lean(activation == null ? Activation.TANH : activation);
    }
}
