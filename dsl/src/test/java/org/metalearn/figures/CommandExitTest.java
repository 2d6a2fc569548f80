package org.metalearn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.bench.Bench;

/**
 * Each {@code ./metalearn} command's main, run as its own JVM as the launcher runs it, with an error the user causes
 * (no data and no download, damaged data, an unwritable output folder, a bad option): one line
 * {@code metalearn COMMAND: message} on stderr, no stack trace, exit status 2.
 */
class CommandExitTest {
    @TempDir
    Path tmp;

    /** The stderr of {@code main} run with {@code properties} and {@code args}, checked for status 2 and one line. */
    private String oneLineError(String command, Class<?> main, List<String> properties, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-Dmetalearn.cache=" + tmp.resolve("cache")));
        cmd.addAll(properties);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Path err = tmp.resolve("stderr-" + command + ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(tmp.resolve("stdout.txt").toFile())
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command + " did not end within 120 s");
        String text = Files.readString(err, StandardCharsets.UTF_8);
        assertFalse(text.contains("Exception in thread") || text.contains("\tat "), "a stack trace:\n" + text);
        List<String> ours = text.lines().filter(l -> l.startsWith("metalearn " + command + ": ")).toList();
        assertEquals(1, ours.size(), "one line 'metalearn " + command + ": ...' in:\n" + text);
        assertEquals(2, p.exitValue(), "exit status; stderr:\n" + text);
        return ours.get(0);
    }

    @Test
    void table2WithoutOmniglotAndNoDownloadSaysWhereToPutIt() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-data"));
        // a download that fails at once, as without network (the default source is on the internet)
        String line = oneLineError("table2", Table2.class, List.of("-Dmetalearn.data=" + empty,
                "-Dmetalearn.omniglot.url=http://127.0.0.1:9/"), "--iterations", "1", "--out", tmp.resolve("out").toString());
        assertTrue(line.contains("Omniglot is not in " + empty.resolve("omniglot")), line);
        assertTrue(line.contains("METALEARN_DATA=DIR"), line);
    }

    @Test
    void table2WithDamagedOmniglotNamesTheFile() throws Exception {
        Path omniglot = Files.createDirectories(tmp.resolve("data").resolve("omniglot"));
        Files.writeString(omniglot.resolve("images_background.zip"), "not a zip");
        Files.writeString(omniglot.resolve("images_evaluation.zip"), "not a zip");
        String line = oneLineError("table2", Table2.class, List.of("-Dmetalearn.data=" + tmp.resolve("data")),
                "--iterations", "1", "--out", tmp.resolve("out").toString());
        assertTrue(line.contains("images_background.zip"), line);
    }

    @Test
    void figure1IntoAnUnwritableFolderSaysSoBeforeTraining() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        String line = oneLineError("figure1", Figure1.class, List.of(), "--iterations", "100000",
                "--out", file.resolve("out").toString());
        assertTrue(line.startsWith("metalearn figure1: --out " + file.resolve("out") + ": cannot create the folder"),
                line);
    }

    @Test
    void benchWithABadOptionSaysWhatIsAllowed() throws Exception {
        assertEquals("metalearn bench: --samples must be in 3..1000, got 1",
                oneLineError("bench", Bench.class, List.of(), "sine", "--samples", "1"));
    }
}
