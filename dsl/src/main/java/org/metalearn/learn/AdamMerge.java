package org.metalearn.learn;

/**
 * Adam's merge of a meta-batch's task states ({@link Adam#merge}), computed by parameter ranges so that the
 * meta-batch's workers can share it ({@link RangeMerge}): each slot is an exponential average, so task i turns s into
 * decay^{k_i} s + c_i, and the merge of parameter p is decay^K start[p] + sum_i decay^{K_after_i}
 * (end_i[p] - decay^{k_i} start[p]), accumulated in double in task order, one pass over the slots for each range.
 */
final class AdamMerge implements RangeMerge {
    private final Adam target;
    private final long steps;
    private final int length;
    private final float[][] bases = new float[2][];
    private final float[][][] ends = new float[2][][];
    private final double[] keep = new double[2];
    private final double[][] own = new double[2][];
    private final double[][] later = new double[2][];
    private final float[][] merged = new float[2][];

    /**
     * Merges into {@code target} the states {@code endSlots[i]} (slots m and v, either may be null) of tasks that
     * each took {@code taskSteps[i]} steps from the state {@code startSteps}, {@code startSlots}; the arrays are
     * read, never written, except that with {@code inPlace} the start's slots receive the merged values (each index
     * is read before it is written).
     */
    AdamMerge(Adam target, double[] decay, long startSteps, float[][] startSlots, long[] taskSteps,
              float[][][] endSlots, boolean inPlace) {
        this.target = target;
        long total = 0;
        for (int i = 0; i < taskSteps.length; i++) {
            if (taskSteps[i] < 0) {
                throw new IllegalArgumentException("task " + i + " ended before it started: " + taskSteps[i]
                        + " steps");
            }
            total += taskSteps[i];
        }
        steps = startSteps + total;
        int width = 0;
        for (int slot = 0; slot < 2; slot++) {
            int present = 0;
            float[] first = null;
            for (float[][] e : endSlots) {
                if (e[slot] != null) {
                    first = first != null ? first : e[slot];
                    present++;
                }
            }
            if (first == null) { // no task kept this slot: the start's stays
                merged[slot] = startSlots[slot] == null ? null : startSlots[slot].clone();
                continue;
            }
            width = first.length;
            bases[slot] = startSlots[slot]; // null: zeros
            keep[slot] = Math.pow(decay[slot], total);
            ends[slot] = new float[present][];
            own[slot] = new double[present];
            later[slot] = new double[present];
            long after = total;
            int k = 0;
            for (int i = 0; i < taskSteps.length; i++) {
                after -= taskSteps[i];
                float[] end = endSlots[i][slot];
                if (end != null) {
                    ends[slot][k] = end;
                    own[slot][k] = Math.pow(decay[slot], taskSteps[i]);
                    later[slot][k] = Math.pow(decay[slot], after);
                    k++;
                }
            }
            merged[slot] = inPlace && startSlots[slot] != null ? startSlots[slot] : new float[first.length];
        }
        length = width;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public void range(int from, int to) {
        for (int slot = 0; slot < 2; slot++) {
            float[][] e = ends[slot];
            if (e == null) {
                continue;
            }
            float[] base = bases[slot];
            float[] out = merged[slot];
            double[] o = own[slot];
            double[] l = later[slot];
            double kept = keep[slot];
            boolean squares = slot == 1;
            for (int p = from; p < to; p++) {
                float b = base == null ? 0f : base[p];
                double acc = kept * b;
                for (int k = 0; k < e.length; k++) {
                    acc += l[k] * (e[k][p] - o[k] * b);
                }
                // v is a mean of squares: never below 0 by rounding
                out[p] = (float) (squares ? Math.max(0.0, acc) : acc);
            }
        }
    }

    @Override
    public void finish() {
        target.install(steps, merged[0], merged[1]);
    }
}
