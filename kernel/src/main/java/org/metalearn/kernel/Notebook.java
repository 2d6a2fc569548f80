package org.metalearn.kernel;

import org.rapaio.jupyter.kernel.global.Global;

/** Notebook helpers, statically imported by the kernel's start-up script. */
public final class Notebook {
    private Notebook() {
    }

    /** Shows a chart (inline PNG), a table (HTML), an image or anything else, as a cell output. */
    public static void show(Object value) {
        Global.display(value);
    }

    /** A live progress display for training: pass it to {@code .listener(...)}. */
    public static NotebookProgress progressDisplay(String label) {
        return new NotebookProgress(label);
    }
}
