package org.metalearn.kernel;

/**
 * Where cell outputs go: the kernel that runs the code (rapaio or IJava) or, outside a kernel, the console and PNG
 * files. {@link Notebook#currentDisplay()} picks one at run time, so the same notebook and the same library work under
 * either kernel, and the library needs no compile-time dependency on IJava.
 */
public interface NotebookDisplay {

    /** Shows the value as a new output; returns the id to update it with. */
    String display(Object value);

    /** Replaces the output shown under {@code id}. */
    void update(String id, Object value);

    /** The last update of {@code id} (a text console prints it for good; kernels just update). */
    default void finish(String id, Object value) {
        update(id, value);
    }

    /** A short name of the display, for messages and tests. */
    String name();
}
