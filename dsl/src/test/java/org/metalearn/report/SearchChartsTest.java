package org.metalearn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The search charts: parallel coordinates scale each axis to [0, 1] (log ranges in the log, text by value) and
 * skip rows without a metric; a slice uses a log axis when asked; the history draws rung results and the best so
 * far; all three render to a PNG.
 */
class SearchChartsTest {
    static Table search() {
        return Table.create("search", DoubleColumn.create("innerAdam", 1e-4, 1e-3, 1e-2, 1e-3),
                IntColumn.create("innerSteps", 1, 5, 9, 5), StringColumn.create("algorithm", "reptile", "fomaml",
                        "reptile", "fomaml"), DoubleColumn.create("accuracy", 90, 80, 70, Double.NaN));
    }

    @Test
    void parallelCoordinatesScaleEveryAxisAndColourByTheMetric(@TempDir Path dir) throws Exception {
        XYChart chart = SearchCharts.parallelCoordinates(search(), List.of("innerAdam", "innerSteps", "algorithm"),
                "accuracy", Set.of("innerAdam"), "search");
        assertEquals(3, chart.getSeriesMap().size(), "the row without a metric is left out");
        XYSeries first = chart.getSeriesMap().get("row 0");
        assertArrayEquals(new double[] {0, 1, 2, 3}, first.getXData());
        assertArrayEquals(new double[] {0, 0, 0, 1}, first.getYData(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 1, 0.5}, chart.getSeriesMap().get("row 1").getYData(), 1e-12);
        assertTrue(first.getLineColor().getRed() > first.getLineColor().getBlue(), "best in red");
        assertTrue(renders(chart, dir.resolve("pc.png")));
        assertThrows(IllegalArgumentException.class, () -> SearchCharts.parallelCoordinates(search(),
                List.of("innerLr"), "accuracy", Set.of(), "t"));
    }

    @Test
    void aSliceIsOnALogAxisForALogRangeAndTheHistoryDraws(@TempDir Path dir) throws Exception {
        XYChart slice = SearchCharts.slice(search(), "innerAdam", "accuracy", true, "slice");
        assertTrue(slice.getStyler().isXAxisLogarithmic());
        assertArrayEquals(new double[] {1e-4, 1e-3, 1e-2}, slice.getSeriesMap().get("accuracy").getXData());
        assertTrue(renders(slice, dir.resolve("slice.png")));
        Table history = Table.create("h", DoubleColumn.create(SearchCharts.TRAINING_SECONDS, 1, 2, 4, 7),
                DoubleColumn.create("accuracy", 50, 60, 70, 80),
                DoubleColumn.create(SearchCharts.BEST_FULL_BUDGET, Double.NaN, Double.NaN, 70, 80));
        XYChart chart = SearchCharts.history(history, "accuracy", "history");
        assertArrayEquals(new double[] {4, 7}, chart.getSeriesMap().get("best at full budget").getXData());
        assertEquals(4, chart.getSeriesMap().get("rung results").getXData().length);
        assertTrue(renders(chart, dir.resolve("history.png")));
    }

    private static boolean renders(XYChart chart, Path png) throws Exception {
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        ChartFiles.savePng(chart, png);
        return image.getWidth() == chart.getWidth() && Files.size(png) > 1000;
    }
}
