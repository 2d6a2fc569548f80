package org.metalearn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The sweep charts draw the right points: one line per algorithm in setting order, curves without gaps. */
class SweepChartsTest {
    @Test
    void metricBySettingDrawsOneSortedLinePerAlgorithmWithIntervals() {
        Table sweep = Table.create("sweep", StringColumn.create("algorithm", "reptile", "fomaml", "reptile", "fomaml"),
                IntColumn.create("innerSteps", 4, 4, 2, 2), DoubleColumn.create("accuracy", 90, 80, 85, 82),
                DoubleColumn.create("ci95", 1, 2, 3, 4));
        XYChart chart = SweepCharts.metricBySetting(sweep, "innerSteps", "accuracy", "algorithm", "t");
        Map<String, XYSeries> series = chart.getSeriesMap();
        assertEquals(2, series.size());
        XYSeries reptile = series.get("reptile");
        assertArrayEquals(new double[] {2, 4}, reptile.getXData());
        assertArrayEquals(new double[] {85, 90}, reptile.getYData());
        assertArrayEquals(new double[] {3, 1}, reptile.getExtraValues());
    }

    @Test
    void curvesSkipRowsThatWereNotEvaluated() {
        DoubleColumn acc = DoubleColumn.create(CurveRecorder.EVAL_ACCURACY, 50.0, Double.NaN, 70.0);
        Table curve = Table.create("c", IntColumn.create(CurveRecorder.ITERATION, 10, 20, 30), acc);
        Map<String, Table> curves = new LinkedHashMap<>();
        curves.put("g1", curve);
        XYSeries s = SweepCharts.curves(curves, CurveRecorder.EVAL_ACCURACY, "t").getSeriesMap().get("g1");
        assertArrayEquals(new double[] {10, 30}, s.getXData());
        assertArrayEquals(new double[] {50, 70}, s.getYData());
    }

    @Test
    void curvesWithBandsDrawEachCurveInListedOrderOverItsBand() {
        Table curves = Table.create("c", StringColumn.create("label", "g2", "g2", "g1", "g1"),
                IntColumn.create(CurveRecorder.ITERATION, 20, 10, 10, 20),
                DoubleColumn.create(CurveRecorder.EVAL_ACCURACY, 70, 60, 50, 55), DoubleColumn.create("ci95", 2, 1, 3, 4));
        XYChart chart = SweepCharts.curvesWithBands(curves, "label", CurveRecorder.EVAL_ACCURACY, "ci95", "t");
        assertEquals(List.of("g2 95 %", "g1 95 %", "g2", "g1"), List.copyOf(chart.getSeriesMap()
                .keySet()), "bands first, then the lines over them, curves as listed");
        XYSeries g2 = chart.getSeriesMap().get("g2");
        assertArrayEquals(new double[] {10, 20}, g2.getXData());
        assertArrayEquals(new double[] {60, 70}, g2.getYData());
        XYSeries band = chart.getSeriesMap().get("g2 95 %");
        assertArrayEquals(new double[] {10, 20, 20, 10}, band.getXData());
        assertArrayEquals(new double[] {61, 72, 68, 59}, band.getYData());
        assertEquals(false, band.isShowInLegend());
        assertEquals(g2.getLineColor().getRGB() & 0xFFFFFF, band.getFillColor().getRGB() & 0xFFFFFF);
    }
}
