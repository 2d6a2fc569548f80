package org.metalearn.dsl;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a sweep, as a small serializable value: its position in the sweep and what it sets on the sweep's
 * base spec (seed included when the sweep varies it). With the base, it is everything needed to compute the run
 * anywhere: {@link SweepJob#run} is a pure function of it.
 */
public record RunPoint(int index, List<SweepAxis.Assignment> assignments) implements Serializable {
    public RunPoint {
        assignments = List.copyOf(assignments);
    }

    /** The base settings with this point's values applied. */
    Settings applyTo(Settings base) {
        Settings s = base;
        for (SweepAxis.Assignment a : assignments) {
            s = a.field().apply(s, a.value());
        }
        return s;
    }

    /** The varied values by column, as the table shows them. */
    public Map<String, Object> shown() {
        Map<String, Object> m = new LinkedHashMap<>();
        assignments.forEach(a -> m.put(a.field().column(), a.shown()));
        return m;
    }

    @Override
    public String toString() {
        return "run " + index + " " + shown();
    }
}
