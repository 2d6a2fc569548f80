package org.metalearn.kernel;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.MimeType;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import tech.tablesaw.api.Table;

/**
 * Our types in rapaio's display system (found through META-INF/services): XChart charts and images as inline PNG,
 * Tablesaw tables (rounded, see {@link TableFormat}) and {@link Html} as HTML, from the bundles of
 * {@link Renderings}; plain values as text and HTML.
 */
public final class MetalearnDisplayProvider implements DisplayProvider {

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new BundleRenderer(Chart.class, MimeType.PNG), new BundleRenderer(BufferedImage.class, MimeType.PNG),
                new BundleRenderer(Table.class, MimeType.HTML), new BundleRenderer(Html.class, MimeType.HTML),
                new PlainRenderer(Number.class), new PlainRenderer(CharSequence.class), new PlainRenderer(Boolean.class),
                new PlainRenderer(Character.class));
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    static boolean accepts(MimeType type, String mime) {
        return mime == null || type.longType().equals(mime) || type.shortTypes().contains(mime);
    }

    /** One of {@link Renderings#TYPES}, published as its bundle. */
    static final class BundleRenderer implements DisplayRenderer {
        private final Class<?> type;
        private final MimeType mime;

        BundleRenderer(Class<?> type, MimeType mime) {
            this.type = type;
            this.mime = mime;
        }

        @Override
        public Class<?> rendererClass() {
            return type;
        }

        @Override
        public boolean canRender(String requested) {
            return accepts(mime, requested);
        }

        @Override
        public DisplayData render(String requested, Object value) {
            Map<String, String> bundle = Renderings.bundle(value);
            DisplayData d = DisplayData.withType(mime.longType(), bundle.get(mime.longType()));
            bundle.forEach((k, v) -> {
                if (!k.equals(mime.longType())) {
                    d.putData(k, v);
                }
            });
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
            return accepts(MimeType.TEXT, mime) || accepts(MimeType.HTML, mime);
        }

        @Override
        public DisplayData render(String mime, Object value) {
            DisplayData d = DisplayData.fromText(String.valueOf(value));
            d.putHTML(Html.escape(String.valueOf(value)));
            return d;
        }
    }
}
