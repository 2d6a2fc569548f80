package org.metalearn.kernel;

import java.util.Locale;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.TrainingListener;

/**
 * A training progress bar in a notebook: one display, updated in place at most twice a second (not thousands
 * of printed lines), with iteration, loss, rate and estimated time left; when training ends it shows the finished
 * bar with the total time and the final loss. Published through {@link Notebook#currentDisplay()}, so the same bar
 * updates in place under our kernel and IJava (both give a display an id to update); outside a kernel it prints.
 */
public final class NotebookProgress implements TrainingListener {
    private final String label;
    private NotebookDisplay display;
    private String displayId;
    private long lastUpdate;
    private long first;
    private IterationReport last;

    public NotebookProgress(String label) {
        this.label = label;
    }

    @Override
    public void started(long firstIteration, long total) {
        first = firstIteration;
        display = Notebook.currentDisplay();
        displayId = display.display(running(firstIteration, total, Double.NaN, 0));
    }

    @Override
    public void iteration(IterationReport r) {
        last = r;
        long now = System.nanoTime();
        if (now - lastUpdate > 500_000_000L) {
            lastUpdate = now;
            display.update(displayId, running(r.iteration(), r.total(), r.loss(), r.elapsedSeconds()));
        }
    }

    @Override
    public void finished() {
        if (displayId != null && last != null) {
            display.finish(displayId, done(last));
        }
    }

    private Html running(long done, long total, double loss, double seconds) {
        double rate = seconds > 0 ? (done - first) / seconds : 0;
        String eta = rate > 0 ? String.format(Locale.ROOT, "%.0f s left", (total - done) / rate) : "";
        String lossText = Double.isNaN(loss) ? "" : String.format(Locale.ROOT, "loss %.4f", loss);
        String rateText = rate > 0 ? String.format(Locale.ROOT, "%.1f it/s", rate) : "";
        return bar(done, total, String.join(" ", lossText, rateText, eta).trim());
    }

    /** The finished bar: 100 %, the run's total training time and its last loss. */
    Html done(IterationReport r) {
        return bar(r.iteration(), r.total(), String.format(Locale.ROOT, "done in %.1f s, final loss %.4f",
                r.elapsedSeconds(), r.loss()));
    }

    private Html bar(long done, long total, String details) {
        double percent = total == 0 ? 100 : 100.0 * done / total;
        String counts = String.format(Locale.ROOT, "%d/%d (%.0f%%)", done, total, percent);
        String html = String.format(Locale.ROOT, "<div style='font-family:monospace'>%s "
                + "<progress value='%d' max='%d' style='width:40%%'></progress> %s %s</div>",
                Html.escape(label), done, total, counts, Html.escape(details));
        return new Html(html, (label + " " + counts + " " + details).trim());
    }
}
