package org.metalearn.kernel;

/**
 * A piece of HTML to show as a cell output, with its plain-text form for clients without HTML. Rendered by
 * {@link Renderings} under every kernel; the kernels' display systems do not render each other's display-data
 * objects (they would print a default {@code toString()}), so displays are published through this type.
 */
public record Html(String html, String text) {
    @Override
    public String toString() {
        return text;
    }

    /** Text made safe to put inside HTML. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
