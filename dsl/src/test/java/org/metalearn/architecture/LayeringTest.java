package org.metalearn.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's packages point one way (each package's package-info.java says what it may use): util below all;
 * then tasks, data, models, learn, eval, report, dsl; figures and bench on top, neither using the other. Inside
 * models, the backends do not reach into each other except where stated: the oneDNN backend uses the float-array
 * kernels of {@code models.lean} (dense head, im2col) and nothing of DL4J's.
 */
class LayeringTest {
    /** Bottom to top: a layer may use the layers before it, never one after it. */
    static final List<String> LAYERS = List.of("tasks", "data", "models", "learn", "eval", "report", "dsl");
    static final List<String> TOP = List.of("figures", "bench");

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.metalearn");
    }

    @Test
    void layersOnlyUseTheLayersBelowThem() {
        var rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("util").definedBy("org.metalearn.util..");
        for (String layer : concat(LAYERS, TOP)) {
            rule = rule.layer(layer).definedBy("org.metalearn." + layer + "..");
        }
        for (int i = 0; i < LAYERS.size(); i++) {
            List<String> above = concat(LAYERS.subList(i + 1, LAYERS.size()), TOP);
            rule = rule.whereLayer(LAYERS.get(i)).mayOnlyBeAccessedByLayers(above.toArray(new String[0]));
        }
        for (String top : TOP) {
            rule = rule.whereLayer(top).mayNotBeAccessedByAnyLayer();
        }
        rule.because("packages point one way: tasks/data -> models -> learn -> eval -> report -> dsl -> figures/bench")
                .check(library);
    }

    @Test
    void utilUsesNoOtherPackageOfTheLibrary() {
        String[] others = concat(LAYERS, TOP).stream().map(p -> "org.metalearn." + p + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage("org.metalearn.util..").should().dependOnClassesThat()
                .resideInAnyPackage(others).because("util is usable by every layer").check(library);
    }

    @Test
    void backendsDoNotReachIntoEachOther() {
        noClasses().that().resideInAPackage("org.metalearn.models.lean..").should().dependOnClassesThat()
                .resideInAnyPackage("org.metalearn.models.onednn..", "org.metalearn.models.dl4j..")
                .because("the float-array backend stands alone").check(library);
        noClasses().that().resideInAPackage("org.metalearn.models.onednn..").should().dependOnClassesThat()
                .resideInAnyPackage("org.metalearn.models.dl4j..")
                .because("oneDNN's backend must not load DL4J (two oneDNN builds crash one JVM)").check(library);
        noClasses().that().resideInAPackage("org.metalearn.models.dl4j..").should().dependOnClassesThat()
                .resideInAnyPackage("org.metalearn.models.onednn..", "org.metalearn.models.lean..")
                .because("the reference shares only the API and the architectures with the nets it checks")
                .check(library);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        String[] all = Arrays.copyOf(a.toArray(new String[0]), a.size() + b.size());
        System.arraycopy(b.toArray(new String[0]), 0, all, a.size(), b.size());
        return List.of(all);
    }
}
