package org.metalearn.kernel;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.MimeType;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import tech.tablesaw.api.Table;

/** Renders XChart charts and images as inline PNG, Tablesaw tables and {@link Html} as HTML in the notebook. */
public final class MetalearnDisplayProvider implements DisplayProvider {

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new ImageRenderer<>(Chart.class, c -> BitmapEncoder.getBufferedImage((Chart<?, ?>) c)),
                new ImageRenderer<>(BufferedImage.class, o -> (BufferedImage) o), new TableRenderer(), new HtmlRenderer(),
                new PlainRenderer(Number.class), new PlainRenderer(CharSequence.class), new PlainRenderer(Boolean.class),
                new PlainRenderer(Character.class));
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    /** PNG of whatever the function turns the value into. */
    static final class ImageRenderer<T> implements DisplayRenderer {
        private final Class<T> type;
        private final Function<Object, BufferedImage> toImage;

        ImageRenderer(Class<T> type, Function<Object, BufferedImage> toImage) {
            this.type = type;
            this.toImage = toImage;
        }

        @Override
        public Class<?> rendererClass() {
            return type;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || MimeType.PNG.longType().equals(mime) || MimeType.PNG.shortTypes().contains(mime);
        }

        @Override
        public DisplayData render(String mime, Object value) {
            DisplayData d = DisplayData.withType(MimeType.PNG.longType(), png(toImage.apply(value)));
            d.putText(value.getClass().getSimpleName());
            return d;
        }
    }

    /** Simple values as text/plain (what the Jupyter protocol expects of a result) and text/html. */
    static final class PlainRenderer implements DisplayRenderer {
        private final Class<?> type;

        PlainRenderer(Class<?> type) {
            this.type = type;
        }

        @Override
        public Class<?> rendererClass() {
            return type;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || MimeType.TEXT.longType().equals(mime) || MimeType.HTML.longType().equals(mime)
                    || MimeType.TEXT.shortTypes().contains(mime) || MimeType.HTML.shortTypes().contains(mime);
        }

        @Override
        public DisplayData render(String mime, Object value) {
            DisplayData d = DisplayData.fromText(String.valueOf(value));
            d.putHTML(NotebookProgress.escape(String.valueOf(value)));
            return d;
        }
    }

    /** {@link Html} as text/html with its text/plain form. */
    static final class HtmlRenderer implements DisplayRenderer {
        @Override
        public Class<?> rendererClass() {
            return Html.class;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || MimeType.HTML.longType().equals(mime) || MimeType.HTML.shortTypes().contains(mime);
        }

        @Override
        public DisplayData render(String mime, Object value) {
            Html h = (Html) value;
            DisplayData d = DisplayData.fromHtml(h.html());
            d.putText(h.text());
            return d;
        }
    }

    static String png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** An HTML table: all rows up to 40, else the first and last 20 with a row saying how many are hidden. */
    static final class TableRenderer implements DisplayRenderer {
        static final int MAX_ROWS = 40;

        @Override
        public Class<?> rendererClass() {
            return Table.class;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || MimeType.HTML.longType().equals(mime) || MimeType.HTML.shortTypes().contains(mime);
        }

        @Override
        public DisplayData render(String mime, Object value) {
            Table t = (Table) value;
            DisplayData d = DisplayData.fromHtml(html(t));
            d.putText(t.print());
            return d;
        }

        static String html(Table t) {
            StringBuilder sb = new StringBuilder("<table><caption>").append(NotebookProgress.escape(t.name()))
                    .append(" (").append(t.rowCount()).append(" rows)</caption><thead><tr>");
            for (String c : t.columnNames()) {
                sb.append("<th>").append(NotebookProgress.escape(c)).append("</th>");
            }
            sb.append("</tr></thead><tbody>");
            int n = t.rowCount();
            for (int r = 0; r < n; r++) {
                if (n > MAX_ROWS && r == MAX_ROWS / 2) {
                    sb.append("<tr><td colspan='").append(t.columnCount()).append("'>... ").append(n - MAX_ROWS)
                            .append(" more rows ...</td></tr>");
                    r = n - MAX_ROWS / 2;
                }
                sb.append("<tr>");
                for (int c = 0; c < t.columnCount(); c++) {
                    sb.append("<td>").append(NotebookProgress.escape(t.column(c).getString(r))).append("</td>");
                }
                sb.append("</tr>");
            }
            return sb.append("</tbody></table>").toString();
        }
    }
}
