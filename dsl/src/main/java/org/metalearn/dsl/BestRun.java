package org.metalearn.dsl;

import java.util.Locale;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * The best row of a sweep or search table by a metric column: the highest for an accuracy, the lowest for a loss
 * (the direction is read from the column's name, so a wrong guess is impossible to make silently). In a halving
 * search's table only the runs that reached their full budget compete on a final metric (a run stopped at an early
 * rung was measured after less training); a rung's own column ({@code accuracy@300}) compares every run that got
 * there.
 */
final class BestRun {
    private BestRun() {
    }

    /** The best row as a one-row table (first of equals); fails naming the metric and the columns to choose from. */
    static Table of(Table table, String metric) {
        if (table == null) {
            throw new IllegalArgumentException("best: table must be given (not null), got null");
        }
        String lower = metric == null ? "" : metric.toLowerCase(Locale.ROOT);
        boolean accuracy = lower.contains("accuracy");
        if (!table.containsColumn(metric) || !(table.column(metric) instanceof NumericColumn<?>)
                || (!accuracy && !lower.contains("loss"))) {
            throw new IllegalArgumentException("best: metric must be an accuracy or loss column of the table "
                    + table.columnNames().stream().filter(c -> c.toLowerCase(Locale.ROOT).contains("accuracy")
                            || c.toLowerCase(Locale.ROOT).contains("loss")).toList() + ", got " + metric);
        }
        NumericColumn<?> values = (NumericColumn<?>) table.column(metric);
        boolean finalMetric = !metric.contains("@") && table.containsColumn(SearchTable.STOPPED);
        int best = -1;
        for (int r = 0; r < table.rowCount(); r++) {
            if (values.isMissing(r) || Double.isNaN(values.getDouble(r)) || (finalMetric
                    && !table.stringColumn(SearchTable.STOPPED).get(r).equals(SearchTable.FULL_BUDGET))) {
                continue;
            }
            double v = values.getDouble(r);
            if (best < 0 || (accuracy ? v > values.getDouble(best) : v < values.getDouble(best))) {
                best = r;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("best: no row of the table has a value of " + metric
                    + (finalMetric ? " at its full budget" : ""));
        }
        return table.rows(best);
    }
}
