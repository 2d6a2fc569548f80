package org.metalearn.report;

import java.util.Locale;

/**
 * The text of one training progress report: iterations done of the total, percent, rate, time left and loss, as a
 * complete line for a log or as a bar that fits a terminal's width. One place, so that the log and the terminal say
 * the same things and the loss is never the part cut off.
 */
public final class ProgressLine {
    private ProgressLine() {
    }

    /** What a report says; {@code rate} in iterations per second (0: not known yet), {@code loss} NaN if none yet. */
    public record Status(String label, long done, long total, double rate, double loss) {
        double percent() {
            return total <= 0 ? 100 : 100.0 * done / total;
        }

        String counts() {
            return String.format(Locale.ROOT, "%d/%d", done, total);
        }

        String rateText() {
            return rate > 0 ? String.format(Locale.ROOT, "%.1f it/s", rate) : "? it/s";
        }

        String eta() {
            return rate > 0 ? "ETA " + duration((total - done) / rate) : "ETA ?";
        }

        String lossText() {
            return Double.isNaN(loss) ? "" : String.format(Locale.ROOT, "loss %.4f", loss);
        }
    }

    /** A complete line: {@code LABEL: 1000/10000 (10%), 250.0 it/s, ETA 0:00:36, loss 0.1234}. */
    public static String line(Status s) {
        String loss = s.lossText();
        return String.format(Locale.ROOT, "%s: %s (%.0f%%), %s, %s%s", s.label(), s.counts(), s.percent(),
                s.rateText(), s.eta(), loss.isEmpty() ? "" : ", " + loss);
    }

    /**
     * A bar at most {@code width} characters wide: {@code LABEL 10% [==>    ] 1000/10000 250.0 it/s ETA 0:00:36
     * loss 0.1234}. When the width is short the bar shrinks, then goes, then the label goes; the numbers and the
     * loss stay.
     */
    public static String bar(Status s, int width) {
        String percent = String.format(Locale.ROOT, "%3.0f%%", s.percent());
        String tail = String.join(" ", s.counts(), s.rateText(), s.eta(), s.lossText()).strip();
        String head = s.label() + " " + percent;
        int room = width - head.length() - tail.length() - 4; // two spaces and two brackets around the bar
        if (room >= 5) {
            int filled = (int) Math.round(room * Math.min(1.0, s.percent() / 100));
            String bar = "=".repeat(filled) + (filled < room ? ">" + " ".repeat(room - filled - 1) : "");
            return head + " [" + bar + "] " + tail;
        }
        String line = head + " " + tail;
        return line.length() <= width ? line : percent.strip() + " " + tail;
    }

    /** Seconds as {@code h:mm:ss}. */
    public static String duration(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
