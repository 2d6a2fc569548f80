package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The same seed must give the same weights in a different JVM (DL4J's conf.seed alone did not). */
class CrossJvmDeterminismTest {

    @Test
    void aFreshJvmComputesBitIdenticalParameters() throws IOException, InterruptedException {
        String here = DeterminismProbe.fingerprint();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                DeterminismProbe.class.getName())).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(here, out);
    }
}
