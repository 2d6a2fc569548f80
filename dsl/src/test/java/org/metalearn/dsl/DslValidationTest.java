package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.sine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DslValidationTest {

    private static String error(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void badValuesNameTheFieldAndTheAllowedRange() {
        assertEquals("innerSteps must be >= 1, got 0", error(() -> meta().reptile().innerSteps(0)));
        assertEquals("metaStep must be >= 0 and finite, got -0.5", error(() -> meta().reptile().metaStep(-0.5, 0)));
        assertEquals("metaStepFinal must be >= 0 and finite, got -1.0", error(() -> meta().reptile().metaStep(1, -1)));
        assertEquals("metaBatch must be >= 1, got 0", error(() -> meta().reptile().metaBatch(0)));
        assertEquals("seed must be >= 0, got -3", error(() -> meta().reptile().seed(-3)));
        assertEquals("innerBatch must be >= 1, got 0", error(() -> meta().joint().innerBatch(0)));
        assertEquals("metaIterations must be >= 1, got 0", error(() -> meta().fomaml().metaIterations(0)));
        assertEquals("workers must be >= 1, got 0", error(() -> meta().reptile().workers(0)));
        assertTrue(error(() -> meta().reptile().innerAdam(0)).startsWith("innerAdam: learning rate must be > 0"));
        assertTrue(error(() -> meta().reptile().innerSgd(Double.NaN)).startsWith("innerSgd: learning rate must be > 0"));
    }

    @Test
    void taskExecutionDefaultsByMetaBatchAndWorkersAreCappedByIt() {
        var plan = meta().reptile().metaBatch(5).workers(8).plan();
        assertEquals(org.metalearn.learn.TaskExecution.PARALLEL, plan.execution());
        assertEquals(5, plan.workers(), "no more threads than tasks");
        assertEquals(org.metalearn.learn.TaskExecution.SEQUENTIAL, meta().reptile().metaBatch(1).plan().execution());
        assertEquals(org.metalearn.learn.TaskExecution.SEQUENTIAL,
                meta().reptile().metaBatch(5).sequentialTasks().plan().execution());
    }

    @Test
    void innerBatchLargerThanThePoolIsRejectedWithoutReplacement() {
        // the sine pool is the 50-point grid
        String msg = error(() -> meta().reptile().on(sine()).innerBatch(51));
        assertEquals("innerBatch must be <= 50 (the sine task's sample pool) when sampling without replacement, got 51", msg);
        // whichever order the steps come in
        assertTrue(error(() -> meta().reptile().innerBatch(51).on(sine())).startsWith("innerBatch must be <= 50"));
        // and for the default task family at plan time
        assertTrue(error(() -> meta().reptile().innerBatch(60).plan()).startsWith("innerBatch must be <= 50"));
        meta().reptile().on(sine()).innerBatch(50).plan();
    }

    @Test
    void classificationStepsOnARegressionFamilyFailClearly() {
        String msg = error(() -> meta().reptile().on(sine()).ways(5));
        assertTrue(msg.startsWith("ways: sine is not a classification task"), msg);
        assertTrue(error(() -> meta().reptile().shots(1).on(sine())).startsWith("shots: sine is not a classification task"));
        assertEquals("ways must be >= 2, got 1", error(() -> meta().reptile().ways(1)));
        assertEquals("shots must be >= 1, got 0", error(() -> meta().reptile().shots(0)));
    }

    @Test
    void stepsReturnNewSpecsAndLeaveTheOriginalUnchanged() {
        ReptileSpec base = meta().reptile().innerSteps(3);
        ReptileSpec changed = base.innerSteps(7).metaBatch(4);
        assertNotSame(base, changed);
        assertEquals(3, base.plan().inner().steps());
        assertEquals(1, base.plan().metaBatch());
        assertEquals(7, changed.plan().inner().steps());
        assertEquals(4, changed.plan().metaBatch());
    }

    @Test
    void defaultsComeFromThePaperSineDemo() {
        var plan = meta().reptile().plan();
        assertEquals(5, plan.inner().steps());
        assertEquals(10, plan.inner().batchSize());
        assertEquals(1, plan.metaBatch());
        assertEquals(0.1, plan.metaStep().start());
        assertEquals(0.0, plan.metaStep().end());
        assertEquals(30_000, plan.metaIterations());
        assertEquals(0.02, plan.optimizer().get().learningRate(), 1e-9);
        assertEquals(0, plan.seed());
    }
}
