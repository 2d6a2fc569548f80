package org.metalearn.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Charts of a hyper-parameter search's tables: parallel coordinates (each run a line across its settings and
 * metric, every axis scaled to [0, 1], coloured by the metric), a slice (the metric against one setting, on a log
 * axis for a log range) and the search's history (each rung result and the best full-budget metric so far against
 * the training time spent). XChart has no parallel-coordinates type, so that one is a category chart drawn as lines.
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
    public static CategoryChart parallelCoordinates(Table table, List<String> settings, String metric,
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
        CategoryChart chart = new CategoryChartBuilder().width(760).height(420).title(title)
                .yAxisTitle("scaled to [0, 1]").build();
        CategoryStyler styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        styler.setLegendVisible(false);
        styler.setOverlapped(true); // every series on the same x positions, not side by side
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(1.0);
        double[] m = scaled[axes.size() - 1];
        for (int r = 0; r < table.rowCount(); r++) {
            if (Double.isNaN(m[r])) {
                continue;
            }
            List<Double> y = new ArrayList<>();
            for (double[] axis : scaled) {
                y.add(Double.isNaN(axis[r]) ? 0.5 : axis[r]);
            }
            CategorySeries s = chart.addSeries("row " + r, axes, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(SeriesLines.SOLID);
            s.setLineColor(heat(m[r]));
            s.setMarkerColor(heat(m[r]));
        }
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
     * as a point and the best full-budget metric so far as a line, against the training time spent so far; values
     * far above the rest (diverged runs) are left above the top of the chart (see {@link #top}).
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
            bt.add(t.isEmpty() ? bt.get(bt.size() - 1) : Math.max(bt.get(bt.size() - 1), t.get(t.size() - 1)));
            bv.add(bv.get(bv.size() - 1)); // held to the end of the search
            chart.addSeries("best at full budget", bt, bv).setMarker(SeriesMarkers.DIAMOND);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS); // inside, it hides the best
        double top = top(v);
        if (!Double.isNaN(top)) {
            chart.getStyler().setYAxisMax(top);
        }
        return chart;
    }

    /**
     * The top of the y axis that keeps values far above the rest (a diverged run's loss) from flattening the others:
     * half a spread above the 90th percentile when the largest value is over ten spreads above it (the spread being
     * the 90th percentile minus the smallest value); NaN to leave the axis as it is.
     */
    static double top(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
        if (v.length < 3) {
            return Double.NaN;
        }
        double q90 = v[(int) Math.floor(0.9 * (v.length - 1))];
        double spread = q90 - v[0];
        return spread > 0 && v[v.length - 1] > q90 + 10 * spread ? q90 + spread / 2 : Double.NaN;
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
