package org.metalearn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.data.TestData;
import org.metalearn.util.CommandLine;

/**
 * ./metalearn table2, figure1, figure3 and figure4 with bad options, and table2 with a checkpoint it cannot resume: one line naming
 * the option or file and what is allowed, status 2.
 */
class CommandLineErrorsTest {

    private static String report(String command, CommandLine.Body body, String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = CommandLine.run(command, args, body, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(2, status, "exit status for " + String.join(" ", args));
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void table2() throws Exception {
        assertEquals("metalearn table2: --ways must be 5 or 20 (Table 2's columns), got 7",
                report("table2", Table2::run, "--ways", "7"));
        assertEquals("metalearn table2: --ways must be a whole number in 5..20, got 'five'",
                report("table2", Table2::run, "--ways", "five"));
        assertEquals("metalearn table2: --ways needs a value", report("table2", Table2::run, "--ways"));
        assertEquals("metalearn table2: --tasks must be in 1..2147483647, got 0",
                report("table2", Table2::run, "--tasks", "0"));
        assertEquals("metalearn table2: unknown option --way (allowed: --ways 5|20, --iterations N, --tasks T, "
                + "--sequential, --out DIR)", report("table2", Table2::run, "--way", "5"));
    }

    @Test
    void figure1() throws Exception {
        assertEquals("metalearn figure1: --iterations must be in 1..9223372036854775807, got 0",
                report("figure1", Figure1::run, "--iterations", "0"));
        assertEquals("metalearn figure1: --seed must be in 0..9223372036854775807, got -1",
                report("figure1", Figure1::run, "--seed", "-1"));
        assertEquals("metalearn figure1: unknown option --bogus (try --help)",
                report("figure1", Figure1::run, "--bogus"));
    }

    @Test
    void figure3() throws Exception {
        assertEquals("metalearn figure3: --iterations must be in 1..2147483647, got 0",
                report("figure3", Figure3::run, "--iterations", "0"));
        assertEquals("metalearn figure3: --every must be in 1..2147483647, got 0",
                report("figure3", Figure3::run, "--every", "0"));
        assertEquals("metalearn figure3: --every must be in 1..20 (the run's meta-iterations), got 50",
                report("figure3", Figure3::run, "--iterations", "20", "--every", "50"));
        assertEquals("metalearn figure3: --tasks must be a whole number in 1..2147483647, got 'many'",
                report("figure3", Figure3::run, "--tasks", "many"));
        assertEquals("metalearn figure3: unknown option --evry (allowed: --iterations N, --every E, --tasks T, "
                + "--out DIR)", report("figure3", Figure3::run, "--evry", "10"));
    }

    @Test
    void figure4() throws Exception {
        assertEquals("metalearn figure4: --tasks must be in 1..2147483647, got 0",
                report("figure4", Figure4::run, "--tasks", "0"));
        assertEquals("metalearn figure4: --grid must be paper or small, got 'tiny'",
                report("figure4", Figure4::run, "--grid", "tiny"));
        assertEquals("metalearn figure4: --grid needs a value", report("figure4", Figure4::run, "--grid"));
        assertEquals("metalearn figure4: unknown option --every (allowed: --iterations N, --tasks T, "
                + "--grid paper|small, --out DIR)", report("figure4", Figure4::run, "--every", "10"));
    }

    @Test
    void table2WithACheckpointOfAnotherRunOrADamagedOneSaysSo(@TempDir Path out) throws Exception {
        Path checkpoint = out.resolve("checkpoint.bin");
        meta().reptile().metaIterations(2).seed(3).checkpoint(checkpoint, 1).progress(false).train(); // a sine run's
        TestData.withOmniglotData(() -> {
            String other = report("table2", Table2::run, "--iterations", "1", "--out", out.toString());
            assertTrue(other.startsWith("metalearn table2: checkpoint: " + checkpoint + " belongs to a different run;"),
                    other);
            assertTrue(other.endsWith("(--out DIR starts a new run elsewhere)") && other.lines().count() == 1, other);
            Files.writeString(checkpoint, "not a checkpoint");
            assertEquals("metalearn table2: checkpoint: " + checkpoint + " is not a metalearn checkpoint (its header does "
                    + "not start with MLCK) (--out DIR starts a new run elsewhere)", report("table2", Table2::run, "--out", out.toString()));
        });
    }
}
