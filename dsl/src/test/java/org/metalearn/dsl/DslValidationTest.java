package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.sine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.metalearn.learn.TaskExecution;

class DslValidationTest {

    private static String error(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void taskExecutionDefaultsByMetaBatchAndWorkersAreCappedByIt() {
        var plan = meta().reptile().metaBatch(5).workers(8).plan();
        assertEquals(TaskExecution.PARALLEL, plan.execution());
        assertEquals(5, plan.workers(), "no more threads than tasks");
        assertEquals(TaskExecution.SEQUENTIAL, meta().reptile().metaBatch(1).plan().execution());
        assertEquals(TaskExecution.SEQUENTIAL,
                meta().reptile().metaBatch(5).sequentialTasks().plan().execution());
    }

    @Test
    void innerBatchLargerThanThePoolIsRejectedWithoutReplacement() {
        // the sine pool is the 50-point grid
        String msg = error(() -> meta().reptile().on(sine()).innerBatch(51).plan());
        assertEquals("innerBatch must be <= 50 (the sine task's sample pool) when sampling without replacement, got 51", msg);
        // whichever order the steps come in; checked once, when the spec is resolved
        assertTrue(error(() -> meta().reptile().innerBatch(51).on(sine()).train()).startsWith("innerBatch must be <= 50"));
        // and for the default task family at plan time
        assertTrue(error(() -> meta().reptile().innerBatch(60).plan()).startsWith("innerBatch must be <= 50"));
        meta().reptile().on(sine()).innerBatch(50).plan();
    }

    @Test
    void classificationStepsOnARegressionFamilyFailClearly() {
        String msg = error(() -> meta().reptile().on(sine()).ways(5).plan());
        assertTrue(msg.startsWith("ways: sine is not a classification task"), msg);
        assertTrue(error(() -> meta().reptile().shots(1).on(sine()).plan()).startsWith("shots: sine is not a classification task"));
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
