package org.metalearn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.core.CompleteMatches;

/** Tab completion in a real JShell with the DSL imported, as the kernel's start-up script does. */
class DslCompletionsTest {
    private static JShell shell;
    private static SourceCodeAnalysis analysis;

    @BeforeAll
    static void startJShell() {
        shell = JShell.builder().executionEngine("local").build();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            shell.addToClasspath(entry);
        }
        shell.eval("import static org.metalearn.dsl.Meta.*;");
        analysis = shell.sourceCodeAnalysis();
    }

    @AfterAll
    static void stopJShell() {
        shell.close();
    }

    private static List<String> complete(String code) {
        CompleteMatches m = DslCompletions.complete(analysis, code, code.length(), DslCompletions.class.getClassLoader());
        return m == null ? List.of() : m.replacements();
    }

    @Test
    void afterMetaTheStepsAreOfferedWithoutObjectsMethods() {
        List<String> offered = complete("meta().");
        assertTrue(offered.contains("reptile()"), offered.toString());
        for (String hidden : List.of("wait(", "wait()", "notify()", "notifyAll()", "equals(", "hashCode()",
                "getClass()", "toString()")) {
            assertFalse(offered.contains(hidden), hidden + " in " + offered);
        }
    }

    @Test
    void aSpecsOwnStepsComeFirstAndAPrefixNarrowsThem() {
        List<String> offered = complete("meta().reptile().");
        assertTrue(offered.contains("innerSteps(") && offered.contains("train()"), offered.toString());
        assertFalse(offered.stream().anyMatch(s -> s.startsWith("wait") || s.startsWith("notify")), offered.toString());
        assertEquals(List.of("innerSteps("), complete("meta().reptile().innerSt"));
        CompleteMatches m = DslCompletions.complete(analysis, "meta().reptile().innerSt", 24,
                DslCompletions.class.getClassLoader());
        assertEquals(17, m.start());
        assertEquals(24, m.end());
    }

    @Test
    void otherTypesKeepObjectsMethods() {
        List<String> offered = complete("\"text\".");
        assertTrue(offered.contains("length()") && offered.contains("equals("), offered.toString());
    }
}
