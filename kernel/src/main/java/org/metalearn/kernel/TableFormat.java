package org.metalearn.kernel;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How a table reads in a notebook: doubles rounded by what their column holds, so a result table shows
 * {@code 97.68} rather than {@code 97.68000000000001}. Only the rendering rounds; the {@link Table} the user holds
 * keeps full precision (it is what they compute with and save). Rules, by column name (case-insensitive):
 * accuracy and confidence intervals ({@code accuracy}, {@code acc}, {@code ci}, {@code ci95}, ...) 2 decimals,
 * times ({@code seconds}, {@code trainSeconds}, {@code time}) 1 decimal, every other double (losses, MSEs, step
 * sizes, coordinates) 4 significant digits, in scientific notation when very large or small.
 */
public final class TableFormat {
    /** Rows shown in full; longer tables show their first and last half of this many. */
    static final int MAX_ROWS = 40;

    private TableFormat() {
    }

    /** One value of a column named {@code column}, rounded by that column's rule. */
    public static String format(String column, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        String name = column.toLowerCase(Locale.ROOT);
        if (isAccuracy(name)) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        if (isTime(name)) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return significant(value, 4);
    }

    /** {@code value} to {@code digits} significant digits, without trailing zeros; scientific outside 1e-3..1e6. */
    static String significant(double value, int digits) {
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude < 1e-3 || magnitude >= 1e6) {
            return String.format(Locale.ROOT, "%." + (digits - 1) + "e", value);
        }
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    private static boolean isAccuracy(String name) {
        return name.contains("accuracy") || name.matches(".*\\bacc\\b.*") || name.matches("(.*[^a-z])?ci(\\d*|[^a-z].*)");
    }

    private static boolean isTime(String name) {
        return name.contains("second") || name.matches(".*\\btime\\b.*") || name.endsWith("(s)");
    }

    /** A copy of the table with every column as text, doubles rounded; the original is left as it is. */
    public static Table rounded(Table table) {
        Table out = Table.create(table.name());
        for (Column<?> column : table.columns()) {
            StringColumn text = StringColumn.create(column.name());
            boolean floating = column instanceof DoubleColumn || column instanceof FloatColumn;
            for (int r = 0; r < column.size(); r++) {
                if (column.isMissing(r)) {
                    text.append("");
                } else if (floating) {
                    text.append(format(column.name(), ((Number) column.get(r)).doubleValue()));
                } else {
                    text.append(column.getString(r));
                }
            }
            out.addColumns(text);
        }
        return out;
    }

    /** Plain-text form (Tablesaw's printout of the rounded copy). */
    public static String text(Table table) {
        return rounded(table).print();
    }

    /** An HTML table: all rows up to 40, else the first and last 20 with a row saying how many are hidden. */
    public static String html(Table table) {
        Table t = rounded(table);
        StringBuilder sb = new StringBuilder("<table><caption>").append(Html.escape(t.name()))
                .append(" (").append(t.rowCount()).append(" rows)</caption><thead><tr>");
        for (String c : t.columnNames()) {
            sb.append("<th>").append(Html.escape(c)).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        int n = t.rowCount();
        for (int r = 0; r < n; r++) {
            if (n > MAX_ROWS && r == MAX_ROWS / 2) {
                sb.append("<tr><td colspan='").append(t.columnCount()).append("'>... ").append(n - MAX_ROWS)
                        .append(" more rows ...</td></tr>");
                r = n - MAX_ROWS / 2;
            }
            sb.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) {
                sb.append("<td>").append(Html.escape(t.column(c).getString(r))).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }
}
