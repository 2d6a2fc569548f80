package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;

import org.junit.jupiter.api.Test;
import org.metalearn.models.Convolutions;
import org.metalearn.learn.Adam;
import org.metalearn.learn.TrainingPlan;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.tasks.SyntheticClasses;
import tech.tablesaw.api.Table;

/** Presets fill every unset value from the paper's column for the family, ways and shots; defaults always run. */
class PresetsTest {
    /** A family named like Omniglot (so its presets apply) over small synthetic classes: no data needed. */
    private static final ClassificationTasks OMNIGLOT_LIKE = new ClassificationTasks("omniglot",
            new SyntheticClasses(80, 20, 16, 0.6, 1), new SyntheticClasses(40, 20, 16, 0.6, 2), 5, 1);

    @Test
    void omniglotDefaultsAreTable3sFiveWayColumnAndAValidPlan() {
        Resolved r = meta().reptile().on(OMNIGLOT_LIKE).resolve();
        TrainingPlan p = r.plan();
        assertEquals("5", r.identity().get("ways"));
        assertEquals("10", r.identity().get("trainShots"));
        assertEquals(5, r.evaluation().shots());
        assertEquals(50, p.tasks().poolSize());
        assertEquals(5, p.inner().steps());
        assertEquals(10, p.inner().batchSize());
        assertEquals(1e-3, ((Adam) p.optimizer().get()).learningRate(), 0);
        assertEquals(5, p.metaBatch());
        assertEquals(100_000, p.metaIterations());
        assertEquals(1.0, p.metaStep().start());
        assertEquals(0.0, p.metaStep().end());
        assertEquals(50, r.evaluation().iterations());
        assertEquals(5, r.evaluation().batch());
        assertEquals(10_000, r.evaluation().tasks());
        assertEquals(Convolutions.preferred().omniglot(5).name(), p.model().name());
    }

    @Test
    void twentyWayTakesTheTwentyWayColumnUnlessOverridden() {
        Resolved r = meta().reptile().on(OMNIGLOT_LIKE).ways(20).resolve();
        assertEquals(Presets.OMNIGLOT_20WAY, r.preset());
        assertEquals(10, r.plan().inner().steps());
        assertEquals(20, r.plan().inner().batchSize());
        assertEquals(5e-4, ((Adam) r.plan().optimizer().get()).learningRate(), 0);
        assertEquals(200_000, r.plan().metaIterations());
        assertEquals(10, r.evaluation().batch());
        assertEquals(200, r.plan().tasks().poolSize());
        assertEquals(Convolutions.preferred().omniglot(20).name(), r.plan().model().name());
        Resolved overridden = meta().reptile().on(OMNIGLOT_LIKE).ways(20).innerSteps(3).innerAdam(1e-3).resolve();
        assertEquals(3, overridden.plan().inner().steps());
        assertEquals(1e-3, ((Adam) overridden.plan().optimizer().get()).learningRate(), 0);
        assertEquals(20, overridden.plan().inner().batchSize());
    }

    @Test
    void shotsSetAloneDoNotBecomeTrainShots() {
        Resolved r = meta().reptile().on(OMNIGLOT_LIKE).shots(1).resolve();
        assertEquals(1, r.evaluation().shots());
        assertEquals("10", r.identity().get("trainShots"));
    }

    @Test
    void everyAlgorithmsDefaultsResolveOnEveryPresetFamily() {
        for (TrainingSpec<?> spec : new TrainingSpec<?>[] {meta().reptile(), meta().fomaml(), meta().joint()}) {
            spec.plan();
            spec.on(OMNIGLOT_LIKE).plan();
            spec.on(OMNIGLOT_LIKE).ways(20).plan();
        }
        meta().maml().plan(); // sine: SGD inner loop, outer Adam
        assertEquals("adam", meta().maml().plan().outer().get().describe());
    }

    @Test
    void toStringShowsWhatWouldRunAndNeverThrows() {
        String s = meta().reptile().on(OMNIGLOT_LIKE).ways(20).toString();
        assertTrue(s.startsWith("reptile on omniglot (preset Omniglot 20-way, Table 3): ways 20, shots 5, trainShots 10,"),
                s);
        assertTrue(s.contains("innerSteps 10") && s.contains("metaIterations 200000"), s);
        String maml = meta().maml().on(OMNIGLOT_LIKE).toString(); // Adam preset: MAML cannot run it
        assertTrue(maml.startsWith("maml {algorithm maml, on omniglot} (not runnable yet: innerSgd"), maml);
        assertFalse(meta().reptile().toString().contains("@"), "no default toString");
    }

    @Test
    void tables3And4RenderFromThePresets() {
        Table t3 = Presets.table3();
        assertEquals("0.001", t3.stringColumn("Omniglot 5-way").get(0));
        assertEquals("5.0E-4", t3.stringColumn("Omniglot 20-way").get(0));
        assertEquals("200000", t3.stringColumn("Omniglot 20-way").get(5));
        Table t4 = Presets.table4();
        assertEquals("15", t4.stringColumn("Mini-ImageNet 5-shot").get(8));
        assertEquals("5", t4.stringColumn("Mini-ImageNet 1-shot").get(8));
        assertEquals("8", t4.stringColumn("Mini-ImageNet 1-shot").get(2));
    }
}
