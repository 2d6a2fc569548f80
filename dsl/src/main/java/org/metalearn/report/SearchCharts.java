package org.metalearn.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Charts of a hyper-parameter search's tables: parallel coordinates (each run a line across its settings and
 * metric, every axis scaled to [0, 1], coloured by the metric), a slice (the metric against one setting, on a log
 * axis for a log range) and the search's history (each rung result and the best full-budget metric so far against
 * the training time spent). XChart has no parallel-coordinates type, so that one is an XY chart with named ticks.
 */
public final class SearchCharts {
    /** Columns of a search's history table (see {@link #history}). */
    public static final String TRAINING_SECONDS = "trainingSeconds";
    public static final String BEST_FULL_BUDGET = "bestFullBudget";

    private SearchCharts() {
    }

    /**
     * One line per row through {@code settings} then {@code metric}: numbers scaled min..max to 0..1 (log-scaled for
     * the columns in {@code logColumns}), text columns by their values' order of appearance; lines go from blue
     * (lowest metric) to red (highest). Rows without a metric value are left out.
     */
    public static XYChart parallelCoordinates(Table table, List<String> settings, String metric,
                                              Set<String> logColumns, String title) {
        List<String> axes = new ArrayList<>(settings);
        axes.add(metric);
        for (String a : axes) {
            if (!table.containsColumn(a)) {
                throw new IllegalArgumentException("parallelCoordinates: column must be one of "
                        + table.columnNames() + ", got " + a);
            }
        }
        double[][] scaled = new double[axes.size()][];
        for (int a = 0; a < axes.size(); a++) {
            scaled[a] = scaled(table.column(axes.get(a)), logColumns.contains(axes.get(a)));
        }
        XYChart chart = new XYChartBuilder().width(760).height(420).title(title).yAxisTitle("scaled to [0, 1]")
                .build();
        double[] x = new double[axes.size()];
        for (int a = 0; a < x.length; a++) {
            x[a] = a;
        }
        double[] m = scaled[axes.size() - 1];
        for (int r = 0; r < table.rowCount(); r++) {
            if (Double.isNaN(m[r])) {
                continue;
            }
            double[] y = new double[axes.size()];
            for (int a = 0; a < y.length; a++) {
                y[a] = Double.isNaN(scaled[a][r]) ? 0.5 : scaled[a][r];
            }
            XYSeries s = chart.addSeries("row " + r, x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(heat(m[r]));
            s.setMarkerColor(heat(m[r]));
        }
        chart.setCustomXAxisTickLabelsFormatter(v -> {
            int i = (int) Math.round(v);
            return Math.abs(v - i) < 1e-9 && i >= 0 && i < axes.size() ? axes.get(i) : "";
        });
        XYStyler styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setXAxisMin(-0.2);
        styler.setXAxisMax(axes.size() - 0.8);
        styler.setYAxisMin(-0.05);
        styler.setYAxisMax(1.05);
        return chart;
    }

    /** {@code metric} against {@code setting}, one point per row with both; a log x axis when {@code log}. */
    public static XYChart slice(Table table, String setting, String metric, boolean log, String title) {
        XYChart chart = new XYChartBuilder().width(520).height(380).title(title).xAxisTitle(setting)
                .yAxisTitle(metric).build();
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            double x = value(table.column(setting), r);
            double y = value(table.column(metric), r);
            if (!Double.isNaN(x) && !Double.isNaN(y) && (!log || x > 0)) {
                xs.add(x);
                ys.add(y);
            }
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("slice: no row has numbers in both " + setting + " and " + metric);
        }
        XYStyler styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        styler.setLegendVisible(false);
        styler.setXAxisLogarithmic(log);
        chart.addSeries(metric, xs, ys);
        return chart;
    }

    /**
     * A search's history table ({@code trainingSeconds}, {@code metric}, {@code bestFullBudget}): every rung result
     * as a point and the best full-budget metric so far as a line, against the training time spent so far.
     */
    public static XYChart history(Table history, String metric, String title) {
        XYChart chart = new XYChartBuilder().width(640).height(400).title(title)
                .xAxisTitle("training time of the search (s)").yAxisTitle(metric).build();
        List<Double> t = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        List<Double> bt = new ArrayList<>();
        List<Double> bv = new ArrayList<>();
        for (int r = 0; r < history.rowCount(); r++) {
            double s = value(history.column(TRAINING_SECONDS), r);
            double y = value(history.column(metric), r);
            double b = value(history.column(BEST_FULL_BUDGET), r);
            if (!Double.isNaN(y)) {
                t.add(s);
                v.add(y);
            }
            if (!Double.isNaN(b)) {
                bt.add(s);
                bv.add(b);
            }
        }
        if (!t.isEmpty()) {
            XYSeries points = chart.addSeries("rung results", t, v);
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        if (!bt.isEmpty()) {
            chart.addSeries("best at full budget", bt, bv).setMarker(SeriesMarkers.NONE);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return chart;
    }

    /** A column's values scaled to [0, 1] (NaN where missing; 0.5 when all are equal). */
    static double[] scaled(Column<?> c, boolean log) {
        double[] out = new double[c.size()];
        if (c instanceof NumericColumn<?>) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < out.length; r++) {
                double v = value(c, r);
                out[r] = log ? (v > 0 ? Math.log(v) : Double.NaN) : v;
                if (!Double.isNaN(out[r])) {
                    lo = Math.min(lo, out[r]);
                    hi = Math.max(hi, out[r]);
                }
            }
            for (int r = 0; r < out.length; r++) {
                out[r] = Double.isNaN(out[r]) ? Double.NaN : hi > lo ? (out[r] - lo) / (hi - lo) : 0.5;
            }
            return out;
        }
        List<String> seen = new ArrayList<>();
        for (int r = 0; r < out.length; r++) {
            String s = c.getString(r);
            if (!seen.contains(s)) {
                seen.add(s);
            }
        }
        for (int r = 0; r < out.length; r++) {
            out[r] = seen.size() > 1 ? seen.indexOf(c.getString(r)) / (double) (seen.size() - 1) : 0.5;
        }
        return out;
    }

    /** Blue (0) to red (1). */
    private static Color heat(double f) {
        return new Color((float) f, 0.2f, (float) (1 - f));
    }

    private static double value(Column<?> c, int row) {
        if (c instanceof NumericColumn<?> n) {
            return n.isMissing(row) ? Double.NaN : n.getDouble(row);
        }
        return Double.NaN;
    }
}
