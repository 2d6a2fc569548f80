package org.metalearn.kernel;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.metalearn.dsl.SweepListener;
import org.metalearn.dsl.SweepProgress;
import org.metalearn.dsl.SweepRow;
import org.metalearn.dsl.SweepStatus;

/**
 * A live display of a sweep or halving search in a notebook ({@code sweep.listener(sweepDisplay("label"))}): one
 * output, updated in place twice a second, with the work done as a bar, the runs at full budget, training, stopped
 * early and not started, the best so far, elapsed time and time left, and for halving the runs that reached each
 * rung; when the sweep ends it shows its final state ("done in ..."). Published through
 * {@link Notebook#currentDisplay()} like {@link NotebookProgress}, so it updates in place under our kernel and
 * IJava; outside a kernel it prints a line at the start, at most one every 10 s, and the last.
 *
 * <p>The workers only update the model ({@link SweepProgress}); a timer thread of this display publishes it, so a
 * worker never waits on the kernel's output channel and only one thread at a time writes to it.
 */
public final class NotebookSweepProgress implements SweepListener {
    private static final long REFRESH_MILLIS = 500;
    private final String label;
    private final SweepProgress progress = new SweepProgress();
    private final Object lock = new Object();
    private final NotebookDisplay fixedDisplay;
    private NotebookDisplay display;
    private String displayId;
    private ScheduledExecutorService timer;

    public NotebookSweepProgress(String label) {
        this(label, null);
    }

    /** Publishing to {@code display} (a test's), or, if null, to the kernel's when the sweep starts. */
    NotebookSweepProgress(String label, NotebookDisplay display) {
        this.label = label;
        this.fixedDisplay = display;
    }

    @Override
    public void started(Plan plan) {
        progress.started(plan);
        synchronized (lock) {
            stopTimer();
            display = fixedDisplay != null ? fixedDisplay : Notebook.currentDisplay();
            displayId = display.display(render(label, progress.status()));
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "metalearn-sweep-display");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::refresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void training(int run, int level) {
        progress.training(run, level);
    }

    @Override
    public void reached(int run, int level, SweepRow row, boolean stored) {
        progress.reached(run, level, row, stored);
    }

    @Override
    public void finished(boolean completed) {
        progress.finished(completed);
        synchronized (lock) {
            stopTimer();
            if (displayId != null) {
                display.finish(displayId, render(label, progress.status()));
                displayId = null;
            }
        }
    }

    /** The model behind the display (what it shows now: {@code status()}). */
    public SweepProgress progress() {
        return progress;
    }

    /** e.g. {@code live sweep display "search": 9 runs: 1 at full budget, ...}. */
    @Override
    public String toString() {
        return "live sweep display \"" + label + "\": " + progress;
    }

    private void refresh() {
        synchronized (lock) {
            if (displayId != null) {
                display.update(displayId, render(label, progress.status()));
            }
        }
    }

    private void stopTimer() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** The display of {@code status}: a bar of the work done and the status's lines; its plain text on one line. */
    static Html render(String label, SweepStatus status) {
        int permille = (int) Math.round(1000 * Math.max(0, Math.min(1, status.fraction())));
        StringBuilder html = new StringBuilder(String.format(Locale.ROOT, "<div style='font-family:monospace'>%s "
                + "<progress value='%d' max='1000' style='width:40%%'></progress> %.0f%% %s<br>%s<br>%s",
                Html.escape(label), permille, permille / 10.0, Html.escape(status.counts()),
                Html.escape(status.bestText()), Html.escape(status.timeText())));
        if (status.halving()) {
            html.append("<br>").append(Html.escape(status.rungsText()));
        }
        return new Html(html.append("</div>").toString(), (label + " " + status.line()).trim());
    }
}
