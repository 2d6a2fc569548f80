package org.metalearn.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.metalearn.eval.AdaptationTrace;
import tech.tablesaw.api.Table;

/** XChart charts of learning curves and adaptation traces. */
public final class Charts {
    /** Figure 1's y-range (docs/paper.md#figure-1). */
    public static final double SINE_Y_MIN = -4;
    public static final double SINE_Y_MAX = 4;

    private Charts() {
    }

    /** Loss before and after the inner loop against meta-iteration. */
    public static XYChart learningCurve(Table curve, String title) {
        XYChart chart = new XYChartBuilder().width(640).height(400).title(title)
                .xAxisTitle("meta-iteration").yAxisTitle("mini-batch loss").build();
        double[] it = curve.intColumn(CurveRecorder.ITERATION).asDoubleArray();
        line(chart, "before adaptation (first inner step)", it, curve.doubleColumn(CurveRecorder.LOSS).asDoubleArray(),
                new Color(31, 119, 180));
        line(chart, "after adaptation (last inner step)", it,
                curve.doubleColumn(CurveRecorder.ADAPTED_LOSS).asDoubleArray(), new Color(255, 127, 14));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return chart;
    }

    /**
     * Figure 1's panel: the prediction after each recorded number of steps (light to dark), the true
     * curve, and the points the model was adapted on.
     */
    public static XYChart adaptation(AdaptationTrace trace, float[] trainX, float[] trainY, String title) {
        XYChart chart = new XYChartBuilder().width(700).height(420).title(title).xAxisTitle("x").yAxisTitle("y")
                .build();
        double[] x = toDouble(trace.queryInputs());
        int n = trace.steps().length;
        for (int s = 0; s < n; s++) {
            float shade = n == 1 ? 1f : (float) s / (n - 1);
            Color c = new Color(0.75f - 0.6f * shade, 0.85f - 0.55f * shade, 1.0f - 0.3f * shade);
            line(chart, "after " + trace.steps()[s] + " steps", x, toDouble(trace.predictions()[s]), c);
        }
        XYSeries truth = line(chart, "true", x, toDouble(trace.queryTargets()), new Color(214, 39, 40));
        truth.setLineStyle(new BasicStroke(2.5f));
        XYSeries points = chart.addSeries("train points", toDouble(trainX), toDouble(trainY));
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(Color.BLACK);
        var styler = chart.getStyler();
        styler.setYAxisMin(SINE_Y_MIN).setYAxisMax(SINE_Y_MAX);
        styler.setXAxisMin((double) trace.queryInputs()[0]).setXAxisMax((double) trace.queryInputs()[x.length - 1]);
        styler.setXAxisDecimalPattern("#0.#");
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendFont(styler.getLegendFont().deriveFont(10f));
        return chart;
    }

    /** One bar per row: {@code label} column on the x axis, {@code value} column as height. */
    public static CategoryChart bars(Table table, String label, String value, String title) {
        CategoryChart chart = new CategoryChartBuilder().width(760).height(420)
                .title(title).xAxisTitle(label).yAxisTitle(value).build();
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            labels.add(table.getString(r, label));
            values.add(((Number) table.column(value).get(r)).doubleValue());
        }
        chart.addSeries(value, labels, values);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(30);
        return chart;
    }

    /** One line per distinct value of {@code group}: {@code y} against {@code x}. */
    public static XYChart lines(Table table, String x, String y, String group, String title) {
        XYChart chart = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle(x).yAxisTitle(y).build();
        for (String g : table.stringColumn(group).unique()) {
            Table part = table.where(table.stringColumn(group).isEqualTo(g));
            double[] xs = new double[part.rowCount()];
            double[] ys = new double[part.rowCount()];
            for (int r = 0; r < part.rowCount(); r++) {
                xs[r] = ((Number) part.column(x).get(r)).doubleValue();
                ys[r] = ((Number) part.column(y).get(r)).doubleValue();
            }
            chart.addSeries(g, xs, ys).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        return s;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
