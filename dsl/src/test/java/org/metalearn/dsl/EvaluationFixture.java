package org.metalearn.dsl;

import static org.metalearn.dsl.Meta.meta;

import org.metalearn.models.Activation;
import org.metalearn.models.lean.DenseNet;
import org.metalearn.models.Initializers;
import org.metalearn.models.LearnerFactory;
import org.metalearn.models.Loss;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.tasks.SyntheticClasses;

/** A tiny classification family, model and one-iteration run, for tests of the evaluation steps. */
final class EvaluationFixture {
    static final ClassificationTasks SYNTHETIC = new ClassificationTasks("synthetic",
            new SyntheticClasses(60, 20, 16, 0.6, 7), new SyntheticClasses(30, 20, 16, 0.6, 8), 5, 5);
    private static Run run;

    private EvaluationFixture() {
    }

    static LearnerFactory mlp(int ways) {
        int[] sizes = {16, 32, ways};
        return LearnerFactory.named("mlp16-32-" + ways, rng -> new DenseNet(sizes, Activation.RELU,
                Loss.SOFTMAX_CROSS_ENTROPY_SUM, Initializers.torchLinearDefault(sizes, rng)));
    }

    static synchronized EvaluationSpec spec() {
        if (run == null) {
            run = meta().reptile().on(SYNTHETIC).model(mlp(5)).metaIterations(1).progress(false).train();
        }
        return run.evaluate().progress(false);
    }
}
