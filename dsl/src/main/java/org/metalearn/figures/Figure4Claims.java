package org.metalearn.figures;

import org.metalearn.figures.Claims.Kind;
import tech.tablesaw.api.Table;

/**
 * The paper's claims about Figure 4 checked on figure4.csv: shared-tail first-order MAML degrades as its inner
 * batches overlap (more inner iterations in panel (a), larger batches in (b)) and falls below the others there;
 * Reptile and separate-tail FOMAML do not degrade; with full-batch steps (panel (c)) shared-tail FOMAML falls as the
 * outer step grows while the other two do not. Each compares a panel's smallest setting with its largest, one table
 * row per comparison ({@link Claims}).
 */
public final class Figure4Claims {
    static final String REPTILE = "reptile";
    static final String SHARED = "fomaml";
    static final String SEPARATE = "fomaml separate(5)";
    static final String DEGRADES = "1. shared-tail FOMAML degrades with overlap";
    static final String STABLE = "2. Reptile and separate-tail FOMAML do not degrade";
    static final String OUTER = "3. (c) full batches: shared-tail FOMAML falls as the outer step grows, the others do not";

    private Figure4Claims() {
    }

    /** The claims table of figure4.csv (panel, setting, value, algorithm, accuracy, ci95). */
    public static Table of(Table figure4) {
        Claims claims = new Claims("Figure 4: the paper's claims (final accuracy %, 95 % intervals)");
        for (String panel : new String[] {"a", "b"}) {
            double lo = extreme(figure4, panel, false);
            double hi = extreme(figure4, panel, true);
            compare(claims, figure4, DEGRADES, Kind.AHEAD, panel, SHARED, lo, SHARED, hi);
            compare(claims, figure4, DEGRADES, Kind.AHEAD, panel, REPTILE, hi, SHARED, hi);
            compare(claims, figure4, DEGRADES, Kind.AHEAD, panel, SEPARATE, hi, SHARED, hi);
            compare(claims, figure4, STABLE, Kind.NOT_BEHIND, panel, REPTILE, hi, REPTILE, lo);
            compare(claims, figure4, STABLE, Kind.NOT_BEHIND, panel, SEPARATE, hi, SEPARATE, lo);
        }
        double lo = extreme(figure4, "c", false);
        double hi = extreme(figure4, "c", true);
        compare(claims, figure4, OUTER, Kind.AHEAD, "c", SHARED, lo, SHARED, hi);
        compare(claims, figure4, OUTER, Kind.NOT_BEHIND, "c", REPTILE, hi, REPTILE, lo);
        compare(claims, figure4, OUTER, Kind.NOT_BEHIND, "c", SEPARATE, hi, SEPARATE, lo);
        return claims.table();
    }

    private static void compare(Claims claims, Table t, String claim, Kind kind, String panel, String left,
                                double leftValue, String right, double rightValue) {
        double[] l = point(t, panel, left, leftValue);
        double[] r = point(t, panel, right, rightValue);
        String setting = setting(t, panel);
        claims.add(claim, kind, "(" + panel + ") " + left + " at " + setting + " " + format(leftValue), l[0], l[1],
                "(" + panel + ") " + right + " at " + setting + " " + format(rightValue), r[0], r[1]);
    }

    /** {accuracy, ci95} of one point; NaN when the table lacks it. */
    private static double[] point(Table t, String panel, String algorithm, double value) {
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.stringColumn("panel").get(r).equals(panel) && t.stringColumn("algorithm").get(r).equals(algorithm)
                    && t.doubleColumn("value").get(r) == value) {
                return new double[] {t.doubleColumn("accuracy").get(r), t.doubleColumn("ci95").get(r)};
            }
        }
        return new double[] {Double.NaN, Double.NaN};
    }

    /** The panel's largest (or smallest) varied value; NaN for a panel the table lacks. */
    private static double extreme(Table t, String panel, boolean largest) {
        double best = Double.NaN;
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.stringColumn("panel").get(r).equals(panel)) {
                double v = t.doubleColumn("value").get(r);
                best = Double.isNaN(best) || (largest ? v > best : v < best) ? v : best;
            }
        }
        return best;
    }

    private static String setting(Table t, String panel) {
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.stringColumn("panel").get(r).equals(panel)) {
                return t.stringColumn("setting").get(r);
            }
        }
        return "?";
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
