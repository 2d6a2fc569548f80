package org.metalearn.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.TrainingListener;

/**
 * Training progress on the console (stderr). On a terminal, a bar updated in place (me.tongfei progressbar) whose
 * loss is never cut off ({@link ProgressLine#bar}); in a log (no terminal, or {@code -Dmetalearn.progress=lines}, which
 * the {@code metalearn} launcher passes when stderr is not a terminal), complete lines with iteration, percent, rate,
 * time left and the mean loss since the previous line: the next line when the run has moved on {@value #PERCENT_STEP}%
 * or a minute has passed, whichever comes first (at most 20 lines plus one a minute), so a long job's log stays
 * small and readable.
 */
public final class ConsoleProgress implements TrainingListener {
    /** How the progress is shown. */
    public enum Mode { BAR, LINES }

    /** System property choosing the mode: {@code bar} or {@code lines}; unset: a bar only on a terminal. */
    public static final String PROPERTY = "metalearn.progress";
    static final int PERCENT_STEP = 5;
    static final long MAX_QUIET_NANOS = 60_000_000_000L;

    private final String label;
    private final Mode mode;
    private final PrintStream out;
    private final LongSupplier nanos;
    private ProgressBar bar;
    private long first;
    private long startNanos;
    private long lastLineNanos;
    private long step;
    private long nextMark;
    private double lossSum;
    private long lossCount;
    private IterationReport last;

    public ConsoleProgress(String label) {
        this(label, defaultMode(), System.err, System::nanoTime);
    }

    /** {@code nanos}: the clock for rates and the one-line-per-minute rule (a test passes a fake one). */
    public ConsoleProgress(String label, Mode mode, PrintStream out, LongSupplier nanos) {
        this.label = label;
        this.mode = mode;
        this.out = out;
        this.nanos = nanos;
    }

    /** {@code -Dmetalearn.progress=bar|lines} if set, else a bar when the JVM has a console (a terminal). */
    public static Mode defaultMode() {
        String configured = System.getProperty(PROPERTY, "");
        return switch (configured) {
            case "bar" -> Mode.BAR;
            case "lines" -> Mode.LINES;
            case "" -> System.console() != null ? Mode.BAR : Mode.LINES;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + " must be bar or lines, got '"
                    + configured + "'");
        };
    }

    @Override
    public void started(long firstIteration, long total) {
        first = firstIteration;
        startNanos = nanos.getAsLong();
        lastLineNanos = startNanos;
        step = Math.max(1, total * PERCENT_STEP / 100);
        nextMark = (firstIteration / step + 1) * step;
        if (mode == Mode.BAR) {
            bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500).startsFrom(firstIteration, Duration.ZERO)
                    .setRenderer(ConsoleProgress::render).build();
        }
    }

    @Override
    public void iteration(IterationReport r) {
        last = r;
        lossSum += r.loss();
        lossCount++;
        if (mode == Mode.BAR) {
            bar.stepTo(r.iteration());
            if (r.iteration() % 100 == 0 || r.iteration() == r.total()) {
                bar.setExtraMessage(Double.toString(meanLoss()));
            }
            return;
        }
        long now = nanos.getAsLong();
        if (r.iteration() >= nextMark || r.iteration() == r.total() || now - lastLineNanos >= MAX_QUIET_NANOS) {
            printLine(now);
        }
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
        } else if (last != null && lossCount > 0) { // stopped between two lines: where it stopped
            printLine(nanos.getAsLong());
        }
    }

    private void printLine(long now) {
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? (last.iteration() - first) / seconds : 0;
        out.println(ProgressLine.line(new ProgressLine.Status(label, last.iteration(), last.total(), rate, meanLoss())));
        out.flush();
        lastLineNanos = now;
        nextMark = last.iteration() + step; // the next line 5% later, or a minute later if that comes first
    }

    /** The mean loss since it was last shown, then starts the next mean. */
    private double meanLoss() {
        double mean = lossCount > 0 ? lossSum / lossCount : Double.NaN;
        lossSum = 0;
        lossCount = 0;
        return mean;
    }

    /** The library's state as our bar; the extra message holds the mean loss. */
    private static String render(ProgressState p, int width) {
        double seconds = p.getElapsedAfterStart().toNanos() / 1e9;
        double rate = seconds > 0 ? (p.getCurrent() - p.getStart()) / seconds : 0;
        String extra = p.getExtraMessage();
        double loss = extra == null || extra.isEmpty() ? Double.NaN : Double.parseDouble(extra);
        return ProgressLine.bar(new ProgressLine.Status(p.getTaskName(), p.getCurrent(), p.getMax(), rate, loss),
                width);
    }
}
