package org.metalearn.kernel;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.knowm.xchart.internal.chartpart.Chart;
import org.metalearn.util.AtomicFiles;
import tech.tablesaw.api.Table;

/**
 * Outputs outside a kernel (JShell, a program): text on standard output, charts and images saved as PNG files in
 * {@code $METALEARN_FIGURES}, else {@code figures/} under the working directory (the printed line says where).
 * Progress updates are printed at most every 10 s, since a console cannot replace a line it printed before.
 */
final class TextDisplay implements NotebookDisplay {
    private static final long QUIET_NANOS = 10_000_000_000L;
    private final Path folder;
    private final PrintStream out;
    private final AtomicInteger count = new AtomicInteger();
    private final Map<String, Long> printed = new HashMap<>();

    TextDisplay(Path folder, PrintStream out) {
        this.folder = folder;
        this.out = out;
    }

    /** The folder for figures: {@code $METALEARN_FIGURES}, else {@code ./figures}. */
    static Path defaultFolder() {
        String env = System.getenv("METALEARN_FIGURES");
        return Path.of(env != null && !env.isBlank() ? env : "figures").toAbsolutePath();
    }

    @Override
    public String display(Object value) {
        String id = "text-" + count.incrementAndGet();
        show(id, value);
        synchronized (printed) {
            printed.put(id, System.nanoTime());
        }
        return id;
    }

    @Override
    public void update(String id, Object value) {
        long now = System.nanoTime();
        synchronized (printed) {
            Long last = printed.get(id);
            if (last != null && now - last < QUIET_NANOS) {
                return;
            }
            printed.put(id, now);
        }
        show(id, value);
    }

    @Override
    public void finish(String id, Object value) {
        show(id, value);
    }

    private void show(String id, Object value) {
        if (value instanceof Chart<?, ?> chart) {
            out.println("figure saved to " + save(id, Renderings.image(chart)));
        } else if (value instanceof BufferedImage image) {
            out.println("image saved to " + save(id, image));
        } else if (value instanceof Table table) {
            out.println(TableFormat.text(table));
        } else {
            out.println(value);
        }
    }

    private Path save(String id, BufferedImage image) {
        Path file = folder.resolve(id.replace("text-", "figure-") + ".png");
        byte[] png = Renderings.pngBytes(image);
        AtomicFiles.write(file, o -> o.write(png));
        return file;
    }

    @Override
    public String name() {
        return "text";
    }
}
