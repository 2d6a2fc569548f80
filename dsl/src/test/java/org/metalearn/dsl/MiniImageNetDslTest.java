package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.miniImageNet;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metalearn.models.Convolutions;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.data.miniimagenet.MiniImageNet;
import org.metalearn.data.miniimagenet.MiniImageNetFixture;
import org.metalearn.data.miniimagenet.ResizeFilter;
import org.metalearn.data.miniimagenet.SplitShape;
import org.metalearn.eval.FewShotResult;
import org.metalearn.models.MiniImageNetNet;
import org.metalearn.tasks.ClassificationTasks;

/** {@code miniImageNet()} through the DSL on a generated fixture: Table 4's presets, the net, a few iterations. */
class MiniImageNetDslTest {
    /** Enough images per class for Table 4's 15 training shots and 5-shot evaluation. */
    private static final SplitShape SHAPE = new SplitShape(6, 5, 5, 16);

    @TempDir
    static Path tmp;

    @BeforeAll
    static void fixture() throws IOException {
        System.setProperty("metalearn.cache", tmp.resolve("cache").toString());
        Path dir = tmp.resolve("miniimagenet");
        MiniImageNetFixture.official(dir, SHAPE);
        MiniImageNetData.useForTests(MiniImageNet.loadForTests(dir, ResizeFilter.NEAREST, SHAPE));
    }

    @AfterAll
    static void restore() {
        MiniImageNetData.resetForTests();
        System.clearProperty("metalearn.cache");
    }

    @Test
    void presetsAreTable4WithThePapersNet() {
        ClassificationTasks tasks = miniImageNet();
        assertEquals("miniimagenet: 6 training classes, 5 validation classes, 5 test classes, 5-way 1-shot",
                tasks.toString());
        String five = meta().reptile().on(tasks).toString();
        assertTrue(five.startsWith("reptile on miniimagenet (preset Mini-ImageNet 5-shot, Table 4): ways 5, shots 5, "
                + "trainShots 15, innerSteps 8, innerBatch 10, inner Adam(beta1=0) lr 0.001, metaBatch 5, "
                + "metaStep 1.0 -> 0.0, metaIterations 100000"), five);
        assertTrue(five.contains("model " + Convolutions.preferred().miniImageNet(5).name())
                && five.contains("50 steps of 15"), five);
        String one = meta().reptile().on(tasks).shots(1).toString();
        assertTrue(one.contains("preset Mini-ImageNet 1-shot") && one.contains("50 steps of 5"), one);
    }

    @Test
    void trainsAFewMetaIterationsAndEvaluatesOnValidationAndTestClasses() {
        Run run = meta().reptile().on(miniImageNet()).metaIterations(2).progress(false).train();
        assertEquals(2, run.curve().rowCount());
        assertTrue(Double.isFinite(run.curve().doubleColumn("loss").get(1)), run.curve().toString());
        FewShotResult validation = run.evaluate().onValidationClasses(true).iterations(2).tasks(2).progress(false)
                .result();
        FewShotResult test = run.evaluate().iterations(2).tasks(2).progress(false).result();
        assertTrue(validation.accuracy() >= 0 && validation.accuracy() <= 1, validation.toString());
        assertTrue(test.accuracy() >= 0 && test.accuracy() <= 1, test.toString());
        assertTrue(run.evaluate().onValidationClasses(true).toString().endsWith("on the validation classes"));
    }

    @Test
    void validationClassesAreRefusedForAFamilyWithoutThem() {
        Run run = meta().reptile().on(new ClassificationTasks("plain", miniImageNet().classes(),
                miniImageNet().testClasses(), 5, 1)).model(MiniImageNetNet.lean(5))
                .innerSteps(1).innerBatch(5).metaIterations(1).progress(false).train();
        String m = assertThrows(IllegalArgumentException.class, () -> run.evaluate().onValidationClasses(true))
                .getMessage();
        assertEquals("plain has no validation classes (only training and test classes); evaluate on the test or the "
                + "training classes", m);
    }
}
