package org.metalearn.kernel;

import java.util.Locale;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.TrainingListener;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.global.Global;

/**
 * A training progress bar in a notebook: one display, updated in place at most twice a second (not thousands
 * of printed lines), with iteration, loss, rate and estimated time left.
 */
public final class NotebookProgress implements TrainingListener {
    private final String label;
    private String displayId;
    private long lastUpdate;
    private long first;

    public NotebookProgress(String label) {
        this.label = label;
    }

    @Override
    public void started(long firstIteration, long total) {
        first = firstIteration;
        displayId = Global.display(DisplayData.fromHtml(html(firstIteration, total, Double.NaN, 0)));
    }

    @Override
    public void iteration(IterationReport r) {
        long now = System.nanoTime();
        if (now - lastUpdate > 500_000_000L || r.iteration() == r.total()) {
            lastUpdate = now;
            Global.updateDisplay(displayId, DisplayData.fromHtml(html(r.iteration(), r.total(), r.loss(), r.elapsedSeconds())));
        }
    }

    private String html(long done, long total, double loss, double seconds) {
        double fraction = total == 0 ? 1 : (double) done / total;
        double rate = seconds > 0 ? (done - first) / seconds : 0;
        String eta = rate > 0 ? String.format(Locale.ROOT, "%.0f s left", (total - done) / rate) : "";
        return String.format(Locale.ROOT, "<div style='font-family:monospace'>%s "
                        + "<progress value='%d' max='%d' style='width:40%%'></progress> %d/%d (%.0f%%) %s %s %s</div>",
                escape(label), done, total, done, total, 100 * fraction,
                Double.isNaN(loss) ? "" : String.format(Locale.ROOT, "loss %.4f", loss),
                rate > 0 ? String.format(Locale.ROOT, "%.1f it/s", rate) : "", eta);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
