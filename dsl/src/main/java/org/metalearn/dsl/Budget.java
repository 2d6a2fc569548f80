package org.metalearn.dsl;

import java.util.Locale;

/**
 * Notebook budgets: quick mode (default, minutes) or paper mode (the paper's full settings) chosen with
 * {@code METALEARN_MODE=paper} (or {@code -Dmetalearn.mode=paper}); quick budgets can be scaled down further with
 * {@code METALEARN_QUICK_SCALE} (CI runs every notebook at a small scale).
 */
public final class Budget {
    private Budget() {
    }

    public static boolean paper() {
        String mode = System.getProperty("metalearn.mode", System.getenv("METALEARN_MODE"));
        return mode != null && mode.trim().toLowerCase(Locale.ROOT).equals("paper");
    }

    static double quickScale() {
        String s = System.getProperty("metalearn.quickScale", System.getenv("METALEARN_QUICK_SCALE"));
        if (s == null || s.isBlank()) {
            return 1.0;
        }
        double v = Double.parseDouble(s.trim());
        if (!(v > 0)) {
            throw new IllegalArgumentException("METALEARN_QUICK_SCALE must be > 0, got " + s);
        }
        return v;
    }

    /** {@code paperValue} in paper mode, else {@code quickValue} times the quick scale (at least 1). */
    public static long pick(long quickValue, long paperValue) {
        return paper() ? paperValue : Math.max(1, Math.round(quickValue * quickScale()));
    }

    public static int pick(int quickValue, int paperValue) {
        return (int) pick((long) quickValue, (long) paperValue);
    }

    /** "quick" or "paper", for notebook output. */
    public static String mode() {
        return paper() ? "paper" : "quick" + (quickScale() != 1.0 ? " (scale " + quickScale() + ")" : "");
    }
}
