package org.metalearn.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {

    @Test
    void matchesHandComputedTensorFlowStepsWithBeta1Zero() {
        // By hand (docs/paper.md#adam): v = 0.999 v + 0.001 g^2; lr_t = lr sqrt(1 - 0.999^t); w -= lr_t g / (sqrt(v) + 1e-8)
        // t=1, g=(0.5,-0.1): v=(2.5e-4, 1e-5), lr_t=0.1*sqrt(0.001) -> w = (0.90000006, -1.9000003)
        // t=2, g=(0.2, 0.3): v=(2.8975e-4, 9.999e-5), lr_t=0.1*sqrt(1-0.998001) -> w = (0.8474680, -2.0341374)
        Adam adam = new Adam(0.1);
        float[] w = {1.0f, -2.0f};
        adam.step(w, new float[] {0.5f, -0.1f});
        assertArrayEquals(new float[] {0.90000006f, -1.9000003f}, w, 2e-7f);
        adam.step(w, new float[] {0.2f, 0.3f});
        assertArrayEquals(new float[] {0.8474680f, -2.0341374f}, w, 2e-6f);
        assertEquals(2, adam.state().steps());
        assertArrayEquals(new float[] {2.8975e-4f, 9.999e-5f}, adam.state().slots()[1], 1e-9f);
    }

    @Test
    void stateCarriesOverBetweenSteps() {
        // a fresh Adam's first step is lr * sign(g); with v carried over, g = 0.5 after g = 1 moves
        // lr * sqrt(1-0.999^2) * 0.5 / sqrt(0.999*0.001 + 0.001*0.25) = 0.06325 lr instead
        Adam carried = new Adam(0.1);
        float[] a = {0f};
        carried.step(a, new float[] {1f});
        float before = a[0];
        carried.step(a, new float[] {0.5f});
        assertEquals(0.1 * Math.sqrt(1 - 0.999 * 0.999) * 0.5 / Math.sqrt(0.999 * 0.001 + 0.001 * 0.25),
                before - a[0], 1e-6);
        float[] b = {0f};
        new Adam(0.1).step(b, new float[] {0.5f});
        assertNotEquals(-b[0], before - a[0], 1e-3f);
    }

    @Test
    void copyIsIndependentAndRestoreIsExact() {
        Adam adam = new Adam(0.01);
        float[] w = {1f, 2f};
        adam.step(w, new float[] {0.3f, -0.7f});
        OptimizerState saved = adam.state();
        Adam copy = adam.copy();
        copy.step(w.clone(), new float[] {1f, 1f});
        assertEquals(saved, adam.state());
        adam.step(w.clone(), new float[] {5f, 5f});
        adam.restore(saved);
        assertEquals(saved, adam.state());
    }

    @Test
    void theOriginalsLaterStepsLeaveACopyAloneAndMergingLeavesTheStatesItReadAlone() {
        Adam adam = new Adam(0.01);
        float[] w = {1f, 2f, 3f};
        adam.step(w, new float[] {0.3f, -0.7f, 0.1f});
        Adam copy = adam.copy();
        OptimizerState copied = copy.state();
        adam.step(w.clone(), new float[] {4f, 4f, 4f});
        assertEquals(copied, copy.state(), "the copy owns its slots");

        OptimizerState start = copy.state();
        Adam a = copy.copy();
        Adam b = copy.copy();
        a.step(w.clone(), new float[] {1f, -1f, 2f});
        b.step(w.clone(), new float[] {-3f, 0.5f, 1f});
        b.step(w.clone(), new float[] {2f, 2f, -2f});
        OptimizerState endA = a.state();
        OptimizerState endB = b.state();
        OptimizerState startCopy = copy.state();
        copy.merge(start, java.util.List.of(endA, endB));
        assertEquals(start.steps() + 3, copy.state().steps());
        copy.step(w.clone(), new float[] {9f, 9f, 9f});
        assertEquals(startCopy, start, "merging read the start state without changing it");
        assertEquals(a.state(), endA, "nor the end states");
        assertEquals(b.state(), endB);
    }

    @Test
    void theMergeByRangesOverTheCopiesEqualsTheMergeOfTheirStates() {
        // as the workers of a meta-batch merge (ParallelMetaBatch): in two ranges, in place, reading the task copies
        // directly, one of which never stepped and so still shares the original's slots
        for (double beta1 : new double[] {0.0, 0.9}) {
            Adam adam = new Adam(0.01, beta1, 0.999, 1e-8);
            float[] w = {1f, 2f, 3f, 4f, 5f};
            adam.step(w, new float[] {0.3f, -0.7f, 0.1f, 2f, -1f});
            Adam a = adam.copy();
            Adam idle = adam.copy();
            Adam c = adam.copy();
            a.step(w.clone(), new float[] {1f, -1f, 2f, 0f, 3f});
            a.step(w.clone(), new float[] {-3f, 0.5f, 1f, 1f, 1f});
            c.step(w.clone(), new float[] {2f, 2f, -2f, 0.25f, -4f});
            Adam expected = adam.copy();
            expected.merge(adam.state(), List.of(a.state(), idle.state(), c.state()));
            RangeMerge merge = adam.rangeMerge(List.of(a, idle, c));
            merge.range(2, merge.length());
            merge.range(0, 2);
            merge.finish();
            assertEquals(expected.state(), adam.state(), "beta1 " + beta1);
        }
    }
}
