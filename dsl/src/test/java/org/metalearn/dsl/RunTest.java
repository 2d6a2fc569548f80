package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.sine;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.metalearn.eval.AdaptationTrace;
import org.metalearn.learn.OptimizerState;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.SineTasks;
import org.metalearn.util.RandomStreams;

class RunTest {

    private static Run shortAdamRun() {
        return meta().reptile().on(sine()).innerAdam(0.001).innerSteps(3).metaBatch(2).metaIterations(40)
                .seed(5).progress(false).train();
    }

    @Test
    void evaluationLeavesMetaParametersAndOptimizerStateBitIdentical() {
        Run run = shortAdamRun();
        float[] before = run.parameters();
        OptimizerState stateBefore = run.optimizerState();
        assertTrue(stateBefore.steps() > 0, "Adam has state to protect");
        SineTasks sine = new SineTasks();
        var task = sine.sample(RandomStreams.of(9, RandomStreams.Role.EVALUATION));
        Batch train = task.batch(new int[] {0, 5, 10, 15, 20});
        AdaptationTrace trace = run.adapt(train, sine.grid(), task.all().targets(), 0, 10, 20);
        assertEquals(3, trace.predictions().length);
        assertArrayEquals(before, run.parameters());
        assertEquals(stateBefore, run.optimizerState());
        // adapting really happened on the copy
        assertFalse(Arrays.equals(trace.predictions()[0], trace.predictions()[2]));
        // and a second evaluation sees exactly the same starting point
        AdaptationTrace again = run.adapt(train, sine.grid(), task.all().targets(), 0, 10, 20);
        assertArrayEquals(trace.predictions()[2], again.predictions()[2]);
    }

    @Test
    void sameSeedGivesTheSameNumbersAndAnotherSeedDoesNot() {
        assertArrayEquals(shortAdamRun().parameters(), shortAdamRun().parameters());
        float[] other = meta().reptile().on(sine()).innerAdam(0.001).innerSteps(3).metaBatch(2).metaIterations(40)
                .seed(6).progress(false).train().parameters();
        assertFalse(Arrays.equals(shortAdamRun().parameters(), other));
    }

    @Test
    void curveHasTheRequestedColumnsAndPlots() {
        Run run = meta().reptile().metaIterations(100).curveRows(10).progress(false).train();
        assertEquals(10, run.curve().rowCount());
        assertEquals(Arrays.asList("iteration", "loss", "adaptedLoss", "metaStep", "seconds"), run.curve().columnNames());
        assertEquals(100, run.curve().intColumn("iteration").getInt(9));
        assertNotEquals(0, run.plot().getSeriesMap().size());
    }
}
