package org.metalearn.kernel;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * What our notebook types look like, independent of the kernel: a MIME bundle (MIME type to data, in the form
 * Jupyter's display_data carries) per value. Each kernel adapter ({@link MetalearnDisplayProvider} for rapaio,
 * {@link IJavaDisplay} for IJava, {@link TextDisplay} outside a kernel) publishes these same bundles, so a chart or
 * a table looks the same under either kernel.
 */
public final class Renderings {
    public static final String PNG = "image/png";
    public static final String HTML = "text/html";
    public static final String TEXT = "text/plain";

    /** The types that have a bundle of their own; everything else is shown as its {@code toString()}. */
    static final List<Class<?>> TYPES = List.of(Chart.class, BufferedImage.class, Table.class, Html.class);

    private Renderings() {
    }

    /** The MIME type a kernel should show for one of {@link #TYPES}: images as PNG, tables and Html as HTML. */
    static String preferred(Class<?> type) {
        return Chart.class.isAssignableFrom(type) || BufferedImage.class.isAssignableFrom(type) ? PNG : HTML;
    }

    /** The value's bundle (insertion order = preference), or null when it is not one of {@link #TYPES}. */
    public static Map<String, String> bundle(Object value) {
        Map<String, String> b = new LinkedHashMap<>();
        if (value instanceof Chart<?, ?> chart) {
            b.put(PNG, png(image(chart)));
            b.put(TEXT, value.getClass().getSimpleName());
        } else if (value instanceof BufferedImage image) {
            b.put(PNG, png(image));
            b.put(TEXT, value.getClass().getSimpleName());
        } else if (value instanceof Table table) {
            b.put(HTML, TableFormat.html(table));
            b.put(TEXT, TableFormat.text(table));
        } else if (value instanceof Html html) {
            b.put(HTML, html.html());
            b.put(TEXT, html.text());
        } else {
            return null;
        }
        return b;
    }

    /** The chart drawn as an image (the size the chart was built with). */
    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** PNG bytes of the image, base64-encoded as Jupyter carries them. */
    public static String png(BufferedImage image) {
        return Base64.getEncoder().encodeToString(pngBytes(image));
    }

    static byte[] pngBytes(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
