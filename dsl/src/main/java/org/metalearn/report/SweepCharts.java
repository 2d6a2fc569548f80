package org.metalearn.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.api.NumericColumn;

/**
 * Charts of sweep tables: a final metric against a varied setting with one line per algorithm (Figure 4's
 * panels), and learning curves of several runs overlaid (Figure 3's accuracy against iteration), with or without
 * their 95 % bands.
 */
public final class SweepCharts {
    /** The interval column of a sweep table, drawn as error bars when present. */
    public static final String CI95 = "ci95";

    private SweepCharts() {
    }

    /**
     * {@code metric} (e.g. "accuracy", "evalLoss") against {@code setting} (a numeric column, e.g. "innerSteps"),
     * one line per value of {@code group} (e.g. "algorithm"; null for one line), points in setting order, with
     * the ci95 column as error bars. Rows with other varied settings (seeds) stay separate points.
     */
    public static XYChart metricBySetting(Table sweep, String setting, String metric, String group, String title) {
        XYChart chart = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle(setting)
                .yAxisTitle(metric).build();
        List<String> groups = group == null ? List.of(metric) : sweep.stringColumn(group).unique().asList();
        for (String g : groups) {
            Table part = group == null ? sweep : sweep.where(sweep.stringColumn(group).isEqualTo(g));
            List<double[]> points = new ArrayList<>();
            for (int r = 0; r < part.rowCount(); r++) {
                double y = value(part.column(metric), r);
                if (!Double.isNaN(y)) {
                    double ci = part.containsColumn(CI95) ? value(part.column(CI95), r) : 0;
                    points.add(new double[] {value(part.column(setting), r), y, Double.isNaN(ci) ? 0 : ci});
                }
            }
            if (points.isEmpty()) {
                continue;
            }
            points.sort(Comparator.comparingDouble(p -> p[0]));
            XYSeries s = chart.addSeries(g, column(points, 0), column(points, 1), column(points, 2));
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return chart;
    }

    /**
     * Learning curves overlaid: {@code metric} (e.g. {@code CurveRecorder.EVAL_ACCURACY}) against meta-iteration,
     * one line per named curve; rows without a value (not evaluated) are skipped.
     */
    public static XYChart curves(Map<String, Table> curves, String metric, String title) {
        XYChart chart = new XYChartBuilder().width(760).height(440).title(title).xAxisTitle("meta-iteration")
                .yAxisTitle(metric).build();
        curves.forEach((name, curve) -> {
            List<double[]> points = new ArrayList<>();
            for (int r = 0; r < curve.rowCount(); r++) {
                double y = value(curve.column(metric), r);
                if (!Double.isNaN(y)) {
                    points.add(new double[] {value(curve.column(CurveRecorder.ITERATION), r), y});
                }
            }
            if (!points.isEmpty()) {
                chart.addSeries(name, column(points, 0), column(points, 1)).setMarker(SeriesMarkers.NONE);
            }
        });
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }

    /**
     * Learning curves overlaid with their 95 % bands, from one long table (e.g. figure3.csv): {@code metric} against
     * {@code iteration}, one line per value of {@code group}, each with a translucent band of +- {@code ci} in its
     * colour; rows without a value are skipped.
     */
    public static XYChart curvesWithBands(Table curves, String group, String metric, String ci, String title) {
        XYChart chart = new XYChartBuilder().width(820).height(480).title(title).xAxisTitle("meta-iteration")
                .yAxisTitle(metric).build();
        Color[] colors = chart.getStyler().getSeriesColors();
        List<String> groups = new ArrayList<>(new LinkedHashSet<>(curves.stringColumn(group).asList())); // as listed
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        for (String g : groups) {
            Table part = curves.where(curves.stringColumn(group).isEqualTo(g));
            List<double[]> points = new ArrayList<>();
            for (int r = 0; r < part.rowCount(); r++) {
                double y = value(part.column(metric), r);
                if (!Double.isNaN(y)) {
                    double c = value(part.column(ci), r);
                    points.add(new double[] {value(part.column(CurveRecorder.ITERATION), r), y, Double.isNaN(c) ? 0 : c});
                }
            }
            if (!points.isEmpty()) {
                points.sort(Comparator.comparingDouble(p -> p[0]));
                lines.put(g, points);
            }
        }
        int index = 0;
        for (Map.Entry<String, List<double[]>> e : lines.entrySet()) { // every band first: no band covers a line
            List<double[]> points = e.getValue();
            Color color = colors[index++ % colors.length];
            int n = points.size();
            double[] bandX = new double[2 * n];
            double[] bandY = new double[2 * n];
            for (int i = 0; i < n; i++) { // upper edge left to right, lower edge back: one closed polygon
                bandX[i] = points.get(i)[0];
                bandY[i] = points.get(i)[1] + points.get(i)[2];
                bandX[2 * n - 1 - i] = points.get(i)[0];
                bandY[2 * n - 1 - i] = points.get(i)[1] - points.get(i)[2];
            }
            XYSeries band = chart.addSeries(e.getKey() + " 95 %", bandX, bandY);
            band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 50));
            band.setLineColor(new Color(0, 0, 0, 0));
            band.setMarker(SeriesMarkers.NONE);
            band.setShowInLegend(false);
        }
        index = 0;
        for (Map.Entry<String, List<double[]>> e : lines.entrySet()) {
            XYSeries line = chart.addSeries(e.getKey(), column(e.getValue(), 0), column(e.getValue(), 1));
            line.setLineColor(colors[index++ % colors.length]);
            line.setLineStyle(SeriesLines.SOLID);
            line.setMarker(SeriesMarkers.NONE);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }

    /** A cell as a double; missing or non-numeric cells are NaN. */
    private static double value(Column<?> c, int row) {
        if (c instanceof NumericColumn<?> n) {
            return n.isMissing(row) ? Double.NaN : n.getDouble(row);
        }
        return Double.NaN;
    }

    private static double[] column(List<double[]> points, int i) {
        double[] out = new double[points.size()];
        for (int p = 0; p < out.length; p++) {
            out[p] = points.get(p)[i];
        }
        return out;
    }
}
