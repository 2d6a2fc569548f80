package org.metalearn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.metalearn.learn.IterationReport;

/** Console progress in a log: complete lines with the loss, few of them; on a terminal: a bar that keeps the loss. */
class ConsoleProgressTest {
    private static final Pattern LINE = Pattern.compile("Reptile on sine: \\d+/\\d+ \\(\\d+%\\), \\d+\\.\\d it/s, "
            + "ETA \\d+:\\d\\d:\\d\\d, loss \\d+\\.\\d{4}");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now;

    /** Runs iterations {@code first+1..total}, each taking {@code nanosEach} on the fake clock; the printed lines. */
    private List<String> run(long first, long total, long nanosEach) {
        ConsoleProgress p = new ConsoleProgress("Reptile on sine", ConsoleProgress.Mode.LINES, out, () -> now);
        p.started(first, total);
        for (long i = first + 1; i <= total; i++) {
            now += nanosEach;
            p.iteration(new IterationReport(i, total, 0.5, 0.4, 0.1, now / 1e9));
        }
        p.finished();
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aFastRunWritesOneCompleteLinePerFivePercent() {
        List<String> lines = run(0, 10_000, 1_000_000); // 1 ms an iteration
        assertEquals(20, lines.size(), String.join("\n", lines));
        lines.forEach(l -> assertTrue(LINE.matcher(l).matches(), l));
        assertEquals("Reptile on sine: 500/10000 (5%), 1000.0 it/s, ETA 0:00:10, loss 0.5000", lines.get(0));
        assertEquals("Reptile on sine: 10000/10000 (100%), 1000.0 it/s, ETA 0:00:00, loss 0.5000", lines.get(19));
    }

    @Test
    void aSlowRunWritesALineAMinuteAtMost() {
        List<String> lines = run(0, 200, 7_000_000_000L); // 7 s an iteration: 5% is 70 s, so the minute rules
        long minutes = 200 * 7 / 60;
        assertTrue(lines.size() <= minutes + 1 && lines.size() >= minutes / 2, lines.size() + " lines");
        lines.forEach(l -> assertTrue(LINE.matcher(l).matches(), l));
        assertTrue(lines.get(0).startsWith("Reptile on sine: 9/200 (5%), 0.1 it/s, ETA 0:22:17, loss 0.5000"),
                lines.get(0));
    }

    @Test
    void aResumedRunCountsItsRateFromWhereItResumed() {
        List<String> lines = run(4_000, 10_000, 2_000_000);
        assertEquals(12, lines.size(), String.join("\n", lines));
        assertEquals("Reptile on sine: 4500/10000 (45%), 500.0 it/s, ETA 0:00:11, loss 0.5000", lines.get(0));
    }

    @Test
    void aStoppedRunEndsWithWhereItStopped() {
        ConsoleProgress p = new ConsoleProgress("Reptile on sine", ConsoleProgress.Mode.LINES, out, () -> now);
        p.started(0, 1000);
        for (long i = 1; i <= 30; i++) {
            now += 1_000_000;
            p.iteration(new IterationReport(i, 1000, 0.25, 0.2, 0.1, now / 1e9));
        }
        p.finished();
        assertEquals("Reptile on sine: 30/1000 (3%), 1000.0 it/s, ETA 0:00:01, loss 0.2500",
                bytes.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void theBarFitsTheWidthAndKeepsTheLoss() {
        ProgressLine.Status s = new ProgressLine.Status("Reptile on omniglot 20-way 1-shot", 151_000, 200_000, 8.7,
                0.123456);
        String at80 = ProgressLine.bar(s, 80);
        assertTrue(at80.length() <= 80 && at80.endsWith("8.7 it/s ETA 1:33:52 loss 0.1235"), at80);
        String at120 = ProgressLine.bar(s, 120);
        assertTrue(at120.length() == 120 && at120.contains("76% [====") && at120.endsWith("loss 0.1235"), at120);
        String at40 = ProgressLine.bar(s, 40);
        assertTrue(at40.endsWith("loss 0.1235") && at40.startsWith("76% 151000/200000"), at40);
    }

    /** The byte count of a real 10,000-iteration sine run's progress written to a log (not a terminal). */
    @Test
    void tenThousandSineIterationsInALogAreAFewKilobytes() {
        ConsoleProgress log = new ConsoleProgress("Reptile on sine", ConsoleProgress.Mode.LINES, out, System::nanoTime);
        meta().reptile().metaIterations(10_000).progress(false).listener(log).train();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        System.out.println("progress of 10,000 sine iterations in a log: " + bytes.size() + " bytes, " + lines.size()
                + " lines; last: " + lines.get(lines.size() - 1));
        assertTrue(lines.size() >= 20 && lines.size() <= 21, String.join("\n", lines));
        lines.forEach(l -> assertTrue(LINE.matcher(l).matches(), l));
        assertTrue(bytes.size() < 2_000, bytes.size() + " bytes");
    }
}
