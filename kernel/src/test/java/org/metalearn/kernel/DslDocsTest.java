package org.metalearn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DslDocsTest {
    private final DslDocs docs = new DslDocs();
    /** What JShell's analyzeType answers for the receivers used here. */
    private final Map<String, String> types = Map.of("meta().reptile()", "org.metalearn.dsl.ReptileSpec",
            "meta()", "org.metalearn.dsl.Meta");

    @Test
    void aChainedSetterShowsItsJavadocSignatureAndAllowedRange() {
        String code = "meta().reptile().innerSteps";
        DslDocs.Doc d = docs.find(code, code.length(), types::get).orElseThrow();
        assertEquals("TrainingSpec", d.owner());
        assertEquals("public S innerSteps(int k)", d.signature());
        assertTrue(d.text().startsWith("Optimizer steps per task, k (preset: 5 sine"), d.text());
        assertEquals("innerSteps >= 1", d.allowed());
        assertTrue(d.html().contains("<code>TrainingSpec#innerSteps</code>"), d.html());
    }

    @Test
    void theCursorMayBeInsideTheNameAndTheCallMayBeComplete() {
        String code = "var run = meta().reptile().innerSteps(5).train();";
        int cursor = code.indexOf("innerSteps") + 3;
        assertEquals("innerSteps", docs.find(code, cursor, types::get).orElseThrow().name());
        assertEquals("meta().reptile()", DslDocs.receiver(code, code.indexOf("innerSteps")));
    }

    @Test
    void namesWithoutAKnownReceiverAreLookedUpInTheEntryClasses() {
        assertEquals("The sine-regression family of Figure 1.", docs.find("sine()", 2, t -> "").orElseThrow().text());
        assertEquals("Meta", docs.find("meta", 4, t -> "").orElseThrow().name());
        assertEquals("Meta", docs.find("Meta", 2, t -> "").orElseThrow().name());
        assertTrue(docs.find("System.out.println", 16, t -> "java.io.PrintStream").isEmpty());
    }

    @Test
    void javadocMarkupBecomesText() {
        assertEquals("Runs x as y.\n\nSecond A.b.", DslDocs.clean("\n * Runs {@code x} as {@link Y y}.\n * <p>Second {@link A#b}.\n "));
    }
}
