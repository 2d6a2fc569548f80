package org.metalearn.kernel;

import org.rapaio.jupyter.kernel.global.Global;

/**
 * Outputs through rapaio-jupyter-kernel's {@link Global} display (our kernel). Only used when rapaio is the running
 * kernel: touching {@code Global} anywhere else initialises rapaio's {@code MainApp}, which tries to start a second
 * kernel (ExceptionInInitializerError under IJava).
 */
final class RapaioDisplay implements NotebookDisplay {

    /** True when this JVM was started as a rapaio kernel: by our launcher or rapaio's own main class or jar. */
    static boolean isHost() {
        String command = System.getProperty("sun.java.command", "");
        return command.startsWith("org.metalearn.kernel.KernelLauncher ")
                || command.startsWith("org.rapaio.jupyter.kernel.MainApp")
                || command.matches("\\S*rapaio-jupyter-kernel[^/\\s]*\\.jar(\\s.*)?");
    }

    @Override
    public String display(Object value) {
        return Global.display(value);
    }

    @Override
    public void update(String id, Object value) {
        Global.updateDisplay(id, value);
    }

    @Override
    public String name() {
        return "rapaio";
    }
}
