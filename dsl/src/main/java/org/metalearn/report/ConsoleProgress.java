package org.metalearn.report;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.TrainingListener;

/** A console progress bar with rate and ETA for long training runs (me.tongfei progressbar). */
public final class ConsoleProgress implements TrainingListener {
    private final String label;
    private ProgressBar bar;

    public ConsoleProgress(String label) {
        this.label = label;
    }

    @Override
    public void started(long first, long total) {
        bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).showSpeed().setUnit(" it", 1).startsFrom(first, Duration.ZERO)
                .build();
    }

    @Override
    public void iteration(IterationReport r) {
        bar.stepTo(r.iteration());
        if (r.iteration() % 100 == 0 || r.iteration() == r.total()) {
            bar.setExtraMessage(String.format("loss %.4f", r.loss()));
        }
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
        }
    }
}
