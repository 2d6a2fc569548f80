package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;

import org.junit.jupiter.api.Test;
import org.metalearn.eval.FewShotResult;
import org.metalearn.models.Activation;
import org.metalearn.models.lean.DenseNet;
import org.metalearn.models.Initializers;
import org.metalearn.models.LearnerFactory;
import org.metalearn.models.Loss;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.tasks.SyntheticClasses;

class ClassificationDslTest {
    private static final ClassificationTasks SYNTHETIC = new ClassificationTasks("synthetic",
            new SyntheticClasses(60, 20, 16, 0.6, 7), new SyntheticClasses(30, 20, 16, 0.6, 8), 5, 5);

    private static LearnerFactory mlp(int ways) {
        int[] sizes = {16, 32, ways};
        return rng -> new DenseNet(sizes, Activation.RELU, Loss.SOFTMAX_CROSS_ENTROPY_SUM,
                Initializers.torchLinearDefault(sizes, rng));
    }

    @Test
    void trainsAndEvaluatesFewShotClassificationThroughTheDsl() {
        Run run = meta().reptile().on(SYNTHETIC).ways(5).shots(1).trainShots(10).model(mlp(5))
                .innerAdam(1e-3).innerSteps(5).innerBatch(10).metaBatch(5).metaStep(1.0, 0.0).metaIterations(300)
                .progress(false).train();
        assertEquals(50, run.plan().tasks().poolSize());
        FewShotResult oneShot = run.evaluate().tasks(300).progress(false).result();
        assertEquals(1, oneShot.protocol().shots());
        FewShotResult fiveShot = run.evaluate().shots(5).transductive(true).tasks(300).progress(false).result();
        assertTrue(fiveShot.accuracy() > 0.8, fiveShot.toString());
        assertTrue(fiveShot.accuracy() >= oneShot.accuracy() - 0.05, oneShot + " vs " + fiveShot);
        assertEquals(1, run.evaluate().tasks(10).progress(false).table().rowCount());
    }

    @Test
    void waysAndShotsAreValidatedAgainstTheData() {
        String ways = assertThrows(IllegalArgumentException.class,
                () -> meta().reptile().on(SYNTHETIC).ways(31).plan()).getMessage();
        assertTrue(ways.startsWith("ways must be in [2, 30]"), ways);
        String shots = assertThrows(IllegalArgumentException.class,
                () -> meta().reptile().on(SYNTHETIC).model(mlp(5)).trainShots(25).plan()).getMessage();
        assertTrue(shots.startsWith("shots must be in [1, 20]"), shots);
        meta().reptile().on(SYNTHETIC).model(mlp(20)).ways(20).trainShots(20).innerBatch(400).plan();
        // the pool bound applies once the shape is known, in any step order
        meta().reptile().innerBatch(25).on(SYNTHETIC).model(mlp(5)).ways(5).trainShots(5).plan();
        String pool = assertThrows(IllegalArgumentException.class,
                () -> meta().reptile().innerBatch(26).on(SYNTHETIC).model(mlp(5)).ways(5).trainShots(5).plan())
                .getMessage();
        assertTrue(pool.startsWith("innerBatch must be <= 25"), pool);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> meta().reptile().innerBatch(26).on(SYNTHETIC)
                .model(mlp(5)).plan()).getMessage().startsWith("innerBatch must be <= 25 (the synthetic"), "the family's own shape applies at plan()");
        assertEquals("model: synthetic has no default model; set one with model(...)",
                assertThrows(IllegalArgumentException.class, () -> meta().reptile().on(SYNTHETIC).plan()).getMessage());
        String eval = assertThrows(IllegalArgumentException.class, () -> meta().reptile().on(SYNTHETIC).model(mlp(5))
                .metaIterations(1).progress(false).train().evaluate().shots(20)).getMessage();
        assertEquals("shots must be in [1, 19] (one image per class is the query), got 20", eval);
        String regression = assertThrows(IllegalArgumentException.class,
                () -> meta().reptile().metaIterations(1).progress(false).train().evaluate()).getMessage();
        assertTrue(regression.startsWith("evaluate: sine is not a classification task"), regression);
    }
}
