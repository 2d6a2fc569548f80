package org.metalearn.figures;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metalearn.figures.Claims.Kind;
import org.metalearn.report.CurveRecorder;
import tech.tablesaw.api.Table;

/**
 * The paper's four claims about Figure 3 checked on the curves' last evaluation (figure3.csv): g1 alone learns
 * least; with two steps g2 is ahead of g1+g2; more mini-batches help (each family at k+1 against k); with 3 and 4
 * steps the sums beat the last gradient alone. One table row per comparison ({@link Claims}).
 */
public final class Figure3Claims {
    static final String G1_LEAST = "1. g1 alone learns least";
    static final String G2_AHEAD = "2. with two steps g2 ahead of g1+g2";
    static final String MORE_BATCHES = "3. more mini-batches help";
    static final String SUMS_BEAT_LAST = "4. with 3-4 steps the sums beat the last gradient alone";

    private Figure3Claims() {
    }

    /** The claims table of figure3.csv's curves (label, iteration, evalAccuracy, ci95). */
    public static Table of(Table curves) {
        Map<String, double[]> last = new LinkedHashMap<>(); // label -> {iteration, accuracy, ci95} of its last evaluation
        for (int r = 0; r < curves.rowCount(); r++) {
            double iteration = curves.intColumn(CurveRecorder.ITERATION).get(r);
            double[] seen = last.get(curves.stringColumn("label").get(r));
            if (seen == null || iteration > seen[0]) {
                last.put(curves.stringColumn("label").get(r), new double[] {iteration,
                    curves.doubleColumn(CurveRecorder.EVAL_ACCURACY).get(r), curves.doubleColumn("ci95").get(r)});
            }
        }
        Claims claims = new Claims("Figure 3: the paper's claims at the last evaluation (accuracy %, 95 % intervals)");
        String g1 = GradientCombination.G1.label();
        String worst = null;
        for (String label : last.keySet()) {
            if (!label.equals(g1) && (worst == null || last.get(label)[1] < last.get(worst)[1])) {
                worst = label;
            }
        }
        if (worst != null) {
            compare(claims, last, G1_LEAST, worst, g1);
        }
        compare(claims, last, G2_AHEAD, GradientCombination.G2.label(), GradientCombination.G1_PLUS_G2.label());
        GradientCombination[][] families = {
            {GradientCombination.G1, GradientCombination.G1_PLUS_G2, GradientCombination.G1_TO_G3,
                GradientCombination.G1_TO_G4},
            {GradientCombination.MEAN_G1_G2, GradientCombination.MEAN_G1_TO_G3, GradientCombination.MEAN_G1_TO_G4},
            {GradientCombination.G2, GradientCombination.G3, GradientCombination.G4}};
        for (GradientCombination[] family : families) {
            for (int i = 1; i < family.length; i++) {
                compare(claims, last, MORE_BATCHES, family[i].label(), family[i - 1].label());
            }
        }
        compare(claims, last, SUMS_BEAT_LAST, GradientCombination.G1_TO_G3.label(), GradientCombination.G3.label());
        compare(claims, last, SUMS_BEAT_LAST, GradientCombination.G1_TO_G4.label(), GradientCombination.G4.label());
        return claims.table();
    }

    /** {@code left} ahead of {@code right}; a curve the table lacks makes the row not resolved. */
    private static void compare(Claims claims, Map<String, double[]> last, String claim, String left, String right) {
        double[] none = {0, Double.NaN, Double.NaN};
        double[] l = last.getOrDefault(left, none);
        double[] r = last.getOrDefault(right, none);
        claims.add(claim, Kind.AHEAD, left, l[1], l[2], right, r[1], r[2]);
    }
}
