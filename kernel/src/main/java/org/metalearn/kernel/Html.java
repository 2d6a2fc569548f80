package org.metalearn.kernel;

/**
 * A piece of HTML to show as a cell output, with its plain-text form for clients without HTML. Rendered by
 * {@link MetalearnDisplayProvider}; the kernel's display system does not render rapaio's own DisplayData objects
 * (it would print their default {@code toString()}), so displays are published through this type.
 */
public record Html(String html, String text) {
    @Override
    public String toString() {
        return text;
    }
}
