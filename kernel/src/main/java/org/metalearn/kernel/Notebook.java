package org.metalearn.kernel;

/**
 * Notebook helpers, statically imported by the kernel's start-up script ({@code kernel-setup/init.jshell}, used by
 * both our kernel and IJava). They publish through whichever kernel runs the code ({@link #currentDisplay()}).
 */
public final class Notebook {
    private static NotebookDisplay display;

    private Notebook() {
    }

    /**
     * Picks the display for this JVM; the start-up script calls it so that, under IJava, charts, tables and
     * {@link Html} render by themselves as a cell's last expression from the first cell on. Safe to call again.
     */
    public static void init() {
        currentDisplay();
    }

    /** The display outputs go to: IJava's when IJava runs, rapaio's under our kernel, else text and PNG files. */
    public static synchronized NotebookDisplay currentDisplay() {
        if (display == null) {
            display = detect();
        }
        return display;
    }

    private static NotebookDisplay detect() {
        // IJava first: its jar is the host when present; rapaio's classes are also on IJava's classpath (our jars
        // depend on them) but must not be touched there, see RapaioDisplay
        NotebookDisplay ijava = IJavaDisplay.find();
        if (ijava != null) {
            return ijava;
        }
        return RapaioDisplay.isHost() ? new RapaioDisplay() : new TextDisplay(TextDisplay.defaultFolder(), System.out);
    }

    /** Shows a chart (inline PNG), a table (HTML, rounded), an image or anything else, as a cell output. */
    public static void show(Object value) {
        currentDisplay().display(value);
    }

    /** A live progress display for training: pass it to {@code .listener(...)}. */
    public static NotebookProgress progressDisplay(String label) {
        return new NotebookProgress(label);
    }

    /**
     * A live display of a sweep or halving search (runs finished, training and stopped early, best so far, time
     * left): pass it to the sweep's {@code .listener(...)}.
     */
    public static NotebookSweepProgress sweepDisplay(String label) {
        return new NotebookSweepProgress(label);
    }
}
