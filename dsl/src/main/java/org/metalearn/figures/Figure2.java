package org.metalearn.figures;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figure 2's idea (docs/paper.md#figure-2; the experiment is our illustration): Reptile as alternating steps
 * toward two tasks' solution manifolds, here two circles with exact projections, phi += eps (P_W(phi) - phi).
 * The iterates settle near the point that minimises the mean squared distance to both manifolds.
 */
public final class Figure2 {
    /** A circle: the set of optimal parameters of one task. */
    public record Circle(double cx, double cy, double r) {
        double[] project(double x, double y) {
            double dx = x - cx;
            double dy = y - cy;
            double d = Math.hypot(dx, dy);
            return d == 0 ? new double[] {cx + r, cy} : new double[] {cx + r * dx / d, cy + r * dy / d};
        }

        double distance(double x, double y) {
            return Math.abs(Math.hypot(x - cx, y - cy) - r);
        }
    }

    public static final Circle W1 = new Circle(0, 0, 1);
    public static final Circle W2 = new Circle(3, 0.5, 1);

    /** Result: the trajectory and the grid-search minimiser of (D1^2 + D2^2) / 2. */
    public record Result(List<double[]> trajectory, double[] minimiser) {
    }

    public static Result run(double startX, double startY, double eps, int steps) {
        List<double[]> path = new ArrayList<>();
        double x = startX;
        double y = startY;
        path.add(new double[] {x, y});
        for (int i = 0; i < steps; i++) {
            Circle task = i % 2 == 0 ? W1 : W2;
            double[] p = task.project(x, y);
            x += eps * (p[0] - x);
            y += eps * (p[1] - y);
            path.add(new double[] {x, y});
        }
        double best = Double.MAX_VALUE;
        double[] argmin = null;
        for (double gx = -2; gx <= 5; gx += 0.005) {
            for (double gy = -2.5; gy <= 3; gy += 0.005) {
                double d1 = W1.distance(gx, gy);
                double d2 = W2.distance(gx, gy);
                double v = (d1 * d1 + d2 * d2) / 2;
                if (v < best) {
                    best = v;
                    argmin = new double[] {gx, gy};
                }
            }
        }
        return new Result(path, argmin);
    }

    public static XYChart chart(Result r) {
        XYChart chart = new XYChartBuilder().width(620).height(520).title("Reptile steps toward two task manifolds")
                .xAxisTitle("phi_1").yAxisTitle("phi_2").build();
        circle(chart, "W1 (task 1 optima)", W1, new Color(31, 119, 180));
        circle(chart, "W2 (task 2 optima)", W2, new Color(44, 160, 44));
        double[] px = r.trajectory().stream().mapToDouble(p -> p[0]).toArray();
        double[] py = r.trajectory().stream().mapToDouble(p -> p[1]).toArray();
        XYSeries path = chart.addSeries("Reptile iterates", px, py);
        path.setMarker(SeriesMarkers.CIRCLE);
        path.setLineColor(Color.DARK_GRAY);
        path.setMarkerColor(Color.DARK_GRAY);
        XYSeries min = chart.addSeries("argmin of mean squared distance", new double[] {r.minimiser()[0]},
                new double[] {r.minimiser()[1]});
        min.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        min.setMarker(SeriesMarkers.DIAMOND);
        min.setMarkerColor(Color.RED);
        chart.getStyler().setXAxisDecimalPattern("#0.#").setYAxisDecimalPattern("#0.#");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        return chart;
    }

    private static void circle(XYChart chart, String name, Circle c, Color color) {
        int n = 200;
        double[] x = new double[n + 1];
        double[] y = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            double a = 2 * Math.PI * i / n;
            x[i] = c.cx() + c.r() * Math.cos(a);
            y[i] = c.cy() + c.r() * Math.sin(a);
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
    }
}
