package org.metalearn.eval;

import java.util.Arrays;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Predictions of an adapted copy on query inputs after selected numbers of adaptation steps, with the
 * query loss (mean squared error against the true values) at each.
 */
public record AdaptationTrace(float[] queryInputs, float[] queryTargets, int[] steps, float[][] predictions,
                              double[] queryLoss) {

    public double finalLoss() {
        return queryLoss[queryLoss.length - 1];
    }

    public int finalSteps() {
        return steps[steps.length - 1];
    }

    /** One row per query point: x, true value, prediction after each recorded step count. */
    public Table table() {
        Table t = Table.create("adaptation", DoubleColumn.create("x", toDouble(queryInputs)),
                DoubleColumn.create("true", toDouble(queryTargets)));
        for (int s = 0; s < steps.length; s++) {
            t.addColumns(DoubleColumn.create("after " + steps[s], toDouble(predictions[s])));
        }
        return t;
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "AdaptationTrace[%d query points, steps %s, final loss %.4f]",
                queryTargets.length, Arrays.toString(steps), finalLoss());
    }
}
