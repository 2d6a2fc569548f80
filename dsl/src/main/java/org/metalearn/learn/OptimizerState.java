package org.metalearn.learn;

import java.util.Arrays;

/** An immutable snapshot of an inner optimizer's state: its step counter and slot vectors (Adam's v, ...). */
public record OptimizerState(long steps, float[][] slots) {
    /** The state of a stateless optimizer (SGD, interpolation). */
    public static final OptimizerState NONE = new OptimizerState(0, new float[0][]);

    public OptimizerState {
        slots = deepCopy(slots);
    }

    @Override
    public float[][] slots() {
        return deepCopy(slots);
    }

    /**
     * Slot {@code i} itself, not a copy, for reading inside this package only (merging a meta-batch's states read
     * them 11 times over, ~13 MB of copies a meta-iteration for the Omniglot net).
     */
    float[] slot(int i) {
        return slots[i];
    }

    static float[][] deepCopy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] == null ? null : a[i].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptimizerState s && s.steps == steps && Arrays.deepEquals(s.slots, slots);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(steps) * 31 + Arrays.deepHashCode(slots);
    }
}
