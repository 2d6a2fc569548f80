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
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
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
        CategoryChart chart = SearchCharts.parallelCoordinates(search(), List.of("innerAdam", "innerSteps",
                "algorithm"), "accuracy", Set.of("innerAdam"), "search");
        assertEquals(3, chart.getSeriesMap().size(), "the row without a metric is left out");
        CategorySeries first = chart.getSeriesMap().get("row 0");
        assertEquals(List.of("innerAdam", "innerSteps", "algorithm", "accuracy"), first.getXData());
        assertArrayEquals(new double[] {0, 0, 0, 1}, ys(first), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 1, 0.5}, ys(chart.getSeriesMap().get("row 1")), 1e-12);
        assertTrue(first.getLineColor().getRed() > first.getLineColor().getBlue(), "highest in red");
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
        assertArrayEquals(new double[] {4, 7, 7}, chart.getSeriesMap().get("best at full budget").getXData());
        assertArrayEquals(new double[] {70, 80, 80}, chart.getSeriesMap().get("best at full budget").getYData());
        assertEquals(4, chart.getSeriesMap().get("rung results").getXData().length);
        assertTrue(renders(chart, dir.resolve("history.png")));
        assertTrue(Double.isNaN(SearchCharts.top(List.of(1.0, 2.0, 3.0, 4.0))));
        assertEquals(14.5, SearchCharts.top(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 10.0, 1e35)));
    }

    private static double[] ys(CategorySeries s) {
        return s.getYData().stream().mapToDouble(Number::doubleValue).toArray();
    }

    private static boolean renders(Chart<?, ?> chart, Path png) throws Exception {
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        ChartFiles.savePng(chart, png);
        return image.getWidth() == chart.getWidth() && Files.size(png) > 1000;
    }
}
