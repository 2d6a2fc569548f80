package org.metalearn.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.metalearn.util.CommandLine.UsageException;

/** Option values and the one-line report of a bad command line. */
class CommandLineTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void readsValuesAndWholeNumbersInRange() {
        String[] args = {"--n", "12", "--name", "x", "--flag"};
        assertEquals(12, CommandLine.whole(args, 1, "--n", 1, 12));
        assertEquals("x", CommandLine.value(args, 3, "--name"));
        assertEquals("--n must be in 13..20, got 12",
                assertThrows(UsageException.class, () -> CommandLine.whole(args, 1, "--n", 13, 20)).getMessage());
        assertEquals("--name must be a whole number in 0..9, got 'x'",
                assertThrows(UsageException.class, () -> CommandLine.whole(args, 3, "--name", 0, 9)).getMessage());
        // missing: at the end, or followed by another option
        assertEquals("--flag needs a value",
                assertThrows(UsageException.class, () -> CommandLine.value(args, 5, "--flag")).getMessage());
        assertEquals("--x needs a value",
                assertThrows(UsageException.class, () -> CommandLine.value(args, 4, "--x")).getMessage());
    }

    @Test
    void aBadCommandLineIsOneLineAndStatusTwo() throws Exception {
        int status = CommandLine.run("demo", new String[0], a -> {
            throw new UsageException("--ways must be 5 or 20, got 7");
        }, err);
        assertEquals(2, status);
        assertEquals("metalearn demo: --ways must be 5 or 20, got 7" + System.lineSeparator(), text());
        assertEquals(0, CommandLine.run("demo", new String[0], a -> { }, err));
    }

    @Test
    void otherFailuresKeepTheirExceptionAndTrace() {
        IllegalArgumentException inner = new IllegalArgumentException("a bug deep inside the run");
        assertSame(inner, assertThrows(IllegalArgumentException.class,
                () -> CommandLine.run("demo", new String[0], a -> {
                    throw inner;
                }, err)));
        assertEquals("", text());
    }

    @Test
    void checkTurnsAValidationErrorIntoAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.check(() -> {
            throw new IllegalArgumentException("--openblas-coretype Zen: this CPU lacks avx2");
        }));
        assertEquals("--openblas-coretype Zen: this CPU lacks avx2", e.getMessage());
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** An error for the user, as a data set or a checkpoint throws it. */
    private static final class Missing extends RuntimeException implements UserError {
        Missing(String message) {
            super(message);
        }
    }

    @Test
    void errorsTheUserCanFixAreOneLineEvenWhenWrappedOrMultiLine() throws Exception {
        assertEquals(2, CommandLine.run("demo", new String[0], a -> {
            throw new CompletionException(new Missing("Omniglot is not in /d.\nPut the zips there: set X=DIR"));
        }, err));
        assertEquals(2, CommandLine.run("demo", new String[0], a -> {
            throw new Missing("checkpoint: f belongs to a different run; differing settings:\n  seed: checkpoint 4, "
                    + "this run 5\n  ways: checkpoint 5, this run 20\nUse the checkpoint's settings");
        }, err));
        assertEquals(2, CommandLine.run("demo", new String[0], a -> {
            throw new UncheckedIOException(new AccessDeniedException("/out/table2.csv"));
        }, err));
        assertEquals(String.join(System.lineSeparator(), "metalearn demo: Omniglot is not in /d. Put the zips there: "
                        + "set X=DIR",
                "metalearn demo: checkpoint: f belongs to a different run; differing settings: seed: checkpoint 4, "
                        + "this run 5; ways: checkpoint 5, this run 20. Use the checkpoint's settings",
                "metalearn demo: /out/table2.csv: permission denied", ""), text());
    }
}
