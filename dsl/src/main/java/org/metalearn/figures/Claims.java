package org.metalearn.figures;

import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A table of a paper's claims checked against measured accuracies, one row per comparison: the two accuracies
 * compared with their 95 % intervals, their difference with its 95 % interval, and whether the claim holds. Kept
 * apart from the figures so that Figure 3 and Figure 4 decide "holds" by one rule.
 *
 * <p>The difference's interval is {@code sqrt(ci1^2 + ci2^2)} (the two accuracies treated as independent, which
 * overstates the interval when both were measured on the same test tasks). A claim that one setting is ahead
 * ({@link Kind#AHEAD}) holds "yes" when the difference exceeds its interval, "no" when it is below minus its
 * interval, else "not resolved"; a claim that one setting is not behind ({@link Kind#NOT_BEHIND}) holds "yes"
 * unless the difference is below minus its interval.
 */
public final class Claims {
    /** What a comparison claims of {@code left - right}. */
    public enum Kind { AHEAD, NOT_BEHIND }

    /** The columns of claims.csv, in order. */
    public static final String[] COLUMNS = {"claim", "comparison", "left", "leftAccuracy", "leftCi95", "right",
        "rightAccuracy", "rightCi95", "difference", "differenceCi95", "holds"};

    private final Table table;

    public Claims(String title) {
        table = Table.create(title, StringColumn.create("claim"), StringColumn.create("comparison"),
                StringColumn.create("left"), DoubleColumn.create("leftAccuracy"), DoubleColumn.create("leftCi95"),
                StringColumn.create("right"), DoubleColumn.create("rightAccuracy"), DoubleColumn.create("rightCi95"),
                DoubleColumn.create("difference"), DoubleColumn.create("differenceCi95"), StringColumn.create("holds"));
    }

    /** Adds one comparison of {@code left} against {@code right} (accuracies in percent with their 95 % intervals). */
    public Claims add(String claim, Kind kind, String left, double leftAccuracy, double leftCi95, String right,
                      double rightAccuracy, double rightCi95) {
        double difference = leftAccuracy - rightAccuracy;
        double ci = Math.sqrt(leftCi95 * leftCi95 + rightCi95 * rightCi95);
        table.stringColumn("claim").append(claim);
        table.stringColumn("comparison").append(left + (kind == Kind.AHEAD ? " > " : " >= ") + right);
        table.stringColumn("left").append(left);
        table.doubleColumn("leftAccuracy").append(round(leftAccuracy));
        table.doubleColumn("leftCi95").append(round(leftCi95));
        table.stringColumn("right").append(right);
        table.doubleColumn("rightAccuracy").append(round(rightAccuracy));
        table.doubleColumn("rightCi95").append(round(rightCi95));
        table.doubleColumn("difference").append(round(difference));
        table.doubleColumn("differenceCi95").append(round(ci));
        table.stringColumn("holds").append(holds(kind, difference, ci));
        return this;
    }

    /** "yes", "no" or "not resolved" for a difference and its 95 % interval; NaN (not measured) is not resolved. */
    static String holds(Kind kind, double difference, double ci) {
        if (Double.isNaN(difference) || Double.isNaN(ci)) {
            return "not resolved";
        }
        if (difference < -ci) {
            return "no";
        }
        return kind == Kind.NOT_BEHIND || difference > ci ? "yes" : "not resolved";
    }

    public Table table() {
        return table;
    }

    /** Two decimals: the table shows what it decided on, and a notebook shows the CSV's numbers unchanged. */
    private static double round(double x) {
        return Double.isNaN(x) ? x : Double.parseDouble(String.format(Locale.ROOT, "%.2f", x));
    }
}
