package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A probe main run in a child JVM on the test's class path and SIGKILLed the moment it prints a given line. */
final class KilledChild {
    private KilledChild() {
    }

    /** Runs {@code main args}, kills it when it prints {@code line} (failing if it prints DONE or ends first). */
    static void killAt(Path dir, Class<?> main, String line, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Path stderr = dir.resolve("stderr.txt");
        Process child = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String said;
            while ((said = out.readLine()) != null && !said.equals(line)) {
                assertFalse(said.equals("DONE"), main.getSimpleName() + " ended before the kill");
            }
            if (said == null) {
                fail("the child ended early: " + Files.readString(stderr));
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "killed child exits");
            assertNotEquals(0, child.exitValue(), "killed, not finished");
        } finally {
            child.destroyForcibly();
        }
    }
}
