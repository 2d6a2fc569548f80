package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import tech.tablesaw.api.Table;

/**
 * Sampled sweep axes: the points come back from the seed, another seed gives others, every value lies in its
 * range, points are distinct, sampled values are part of each run's identity and row, and bad ranges fail with one
 * message naming the setting and the allowed range.
 */
class SampledAxisTest {
    static SweepAxis space(long seed) {
        return Sweep.sample(20, seed, Sweep.logUniform("innerAdam", 1e-4, 1e-2), Sweep.uniform("metaStep", 0.1, 1.0),
                Sweep.integers("innerSteps", 1, 10), Sweep.choice("algorithm", Sweep.reptile(), Sweep.fomaml()));
    }

    @Test
    void theSeedGivesThePointsAndAnotherSeedOthers() {
        assertEquals(space(3).toString(), space(3).toString());
        assertEquals(points(space(3)), points(space(3)));
        assertNotEquals(points(space(3)), points(space(4)));
    }

    @Test
    void everyValueIsInItsRangeAndPointsAreDistinct() {
        SweepAxis axis = space(7);
        assertEquals(20, axis.size());
        assertEquals(List.of(SweepAxis.Field.INNER_ADAM, SweepAxis.Field.META_STEP, SweepAxis.Field.INNER_STEPS,
                SweepAxis.Field.ALGORITHM), axis.fields());
        Set<Integer> steps = new HashSet<>();
        for (List<SweepAxis.Assignment> p : points(axis)) {
            double adam = (Double) p.get(0).value();
            double step = (Double) p.get(1).value();
            int k = (Integer) p.get(2).value();
            assertTrue(adam >= 1e-4 && adam < 1e-2, "innerAdam " + adam);
            assertTrue(step >= 0.1 && step < 1.0, "metaStep " + step);
            assertTrue(k >= 1 && k <= 10, "innerSteps " + k);
            assertTrue(p.get(3).value() instanceof SweepAxis.AlgorithmChoice);
            steps.add(k);
        }
        assertTrue(steps.size() > 3, "innerSteps drawn " + steps);
        assertEquals(20, new HashSet<>(points(axis)).size());
        // a small space is covered without repeats, its last free point found by drawing again
        SweepAxis all = Sweep.sample(6, 1, Sweep.integers("innerSteps", 1, 3), Sweep.choice("seed", 1, 2));
        assertEquals(6, new HashSet<>(points(all)).size());
        assertEquals(Long.class, all.point(0).get(1).value().getClass());
    }

    @Test
    void sampledValuesAreInTheRunsIdentityAndRowsAndCombineWithGridAxes(@TempDir Path store) {
        Sweep sweep = meta().sweep(meta().reptile().on(Meta.sine()).metaIterations(4).seed(5).progress(false))
                .vary(Sweep.sample(3, 9, Sweep.logUniform("innerSgd", 0.001, 0.1), Sweep.integers("innerSteps", 1, 4)))
                .vary(Sweep.seeds(1, 2)).store(store);
        assertEquals(6, sweep.points().size());
        Table t = sweep.run();
        assertEquals(6, t.rowCount());
        assertTrue(t.columnNames().containsAll(List.of("innerSgd", "innerSteps", "seed")), t.columnNames().toString());
        assertEquals(6, new HashSet<>(t.stringColumn("key").asList()).size());
        SweepAxis axis = Sweep.sample(3, 9, Sweep.logUniform("innerSgd", 0.001, 0.1),
                Sweep.integers("innerSteps", 1, 4));
        assertEquals((Double) axis.point(0).get(0).value(), t.doubleColumn("innerSgd").get(0));
        assertEquals((Double) axis.point(0).get(0).value(), t.doubleColumn("innerSgd").get(1)); // seeds vary fastest
        assertEquals(axis.point(2).get(1).value(), t.intColumn("innerSteps").get(5));
    }

    @Test
    void badRangesFailNamingTheSettingAndTheAllowedRange() {
        fails(() -> Sweep.sample(0, 1, Sweep.uniform("metaStep", 0, 1)), "sample: n must be >= 1, got 0");
        fails(() -> Sweep.sample(5, -1, Sweep.uniform("metaStep", 0, 1)), "seed must be >= 0, got -1");
        fails(() -> Sweep.uniform("metaStep", 1, 1), "uniform metaStep: lo must be < hi, both finite, got lo=1.0, "
                + "hi=1.0");
        fails(() -> Sweep.logUniform("innerAdam", 0, 1e-2), "logUniform innerAdam: lo must be > 0 (a log range), "
                + "got lo=0.0");
        fails(() -> Sweep.uniform("innerAdam", -1, 1), "uniform: the range of innerAdam must be > 0 and finite, "
                + "got -1.0");
        fails(() -> Sweep.integers("innerSteps", 0, 5), "integers: the range of innerSteps must be >= 1, got 0");
        fails(() -> Sweep.integers("innerSteps", 5, 4), "integers innerSteps: lo must be <= hi, got lo=5, hi=4");
        fails(() -> Sweep.uniform("innerSteps", 1, 4), "uniform: innerSteps is not a real-valued setting; uniform "
                + "takes one of [innerSgd, innerAdam, metaStep]");
        fails(() -> Sweep.integers("innerAdam", 1, 4), "integers: innerAdam is not an integer setting; integers "
                + "takes one of [innerSteps, innerBatch, metaBatch, metaIterations, trainShots, seed]");
        fails(() -> Sweep.logUniform("innerLr", 1e-4, 1e-2), "logUniform: setting must be one of [algorithm, "
                + "innerSteps, innerBatch, innerSgd, innerAdam, metaStep, metaBatch, metaIterations, trainShots, seed, "
                + "label], got innerLr");
        fails(() -> Sweep.choice("innerSteps", 1, 2.5), "innerSteps must be a whole number (an int), got 2.5");
        fails(() -> Sweep.choice("innerSteps", 1, 0), "innerSteps must be >= 1, got 0");
        fails(() -> Sweep.choice("innerSteps", 2, 2), "choice innerSteps: values must be distinct, got [2, 2]");
        fails(() -> Sweep.choice("algorithm", "reptile"), "algorithm must be an algorithm (Sweep.reptile(), "
                + "Sweep.fomaml(), ...), got reptile");
        fails(() -> Sweep.sample(2, 1, Sweep.integers("innerSteps", 1, 2), Sweep.integers("innerSteps", 1, 3)),
                "sample: innerSteps has two ranges; give one");
        fails(() -> Sweep.sample(4, 1, Sweep.integers("innerSteps", 1, 3)), "sample: n must be at most the number "
                + "of distinct points of the ranges; found only 3 in 1400 draws, asked for 4");
    }

    private static void fails(Executable bad, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, bad).getMessage());
    }

    private static List<List<SweepAxis.Assignment>> points(SweepAxis axis) {
        return IntStream.range(0, axis.size()).mapToObj(axis::point).toList();
    }
}
