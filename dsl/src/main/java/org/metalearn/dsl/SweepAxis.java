package org.metalearn.dsl;

import static org.metalearn.dsl.Settings.Key;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.metalearn.learn.LinearSchedule;
import org.metalearn.learn.Tail;

/**
 * One thing a sweep varies: a setting and its values ({@code Sweep.innerSteps(1, 2, 4)}), or several settings
 * varied together ({@code Sweep.together(...)}: the i-th values of each form one point). Values are plain
 * serializable numbers and strings (plus {@link AlgorithmChoice}), so a run is described by a small value that
 * can travel to another JVM; they are checked by {@link Rules} when the axis is made.
 */
public final class SweepAxis implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A setting a sweep can vary, by its DSL name (the table's column). */
    public enum Field {
        ALGORITHM("algorithm"), INNER_STEPS("innerSteps"), INNER_BATCH("innerBatch"), INNER_SGD("innerSgd"),
        INNER_ADAM("innerAdam"), META_STEP("metaStep"), META_BATCH("metaBatch"), META_ITERATIONS("metaIterations"),
        TRAIN_SHOTS("trainShots"), SEED("seed"), LABEL("label");

        private final String column;

        Field(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }

        /** The settings with this field set to {@code value} (already checked). */
        Settings apply(Settings s, Object value) {
            return switch (this) {
                case ALGORITHM -> ((AlgorithmChoice) value).apply(s);
                case INNER_STEPS -> s.with(Key.INNER_STEPS, value);
                case INNER_BATCH -> s.with(Key.INNER_BATCH, value);
                case INNER_SGD -> s.with(Key.INNER_OPTIMIZER, OptimizerChoice.sgd((Double) value));
                case INNER_ADAM -> s.with(Key.INNER_OPTIMIZER, OptimizerChoice.adam((Double) value));
                // the paper anneals every run to 0; a sweep varies the starting value
                case META_STEP -> s.with(Key.META_STEP, new LinearSchedule((Double) value, 0.0));
                case META_BATCH -> s.with(Key.META_BATCH, value);
                case META_ITERATIONS -> s.with(Key.META_ITERATIONS, value);
                case TRAIN_SHOTS -> s.with(Key.TRAIN_SHOTS, value);
                case SEED -> s.with(Key.SEED, value);
                case LABEL -> s; // names a point in the table, changes nothing
            };
        }
    }

    /** One setting of one point: field and value. */
    public record Assignment(Field field, Serializable value) implements Serializable {
        /** The value as it appears in the table: numbers stay numbers, anything else is its text. */
        public Object shown() {
            return value instanceof Number ? value : value.toString();
        }
    }

    /**
     * The algorithm of a run: the DSL's algorithm and, for first-order MAML, its tail ({@code separateTail} samples
     * per class held out; 0 = shared).
     */
    public record AlgorithmChoice(Settings.Algorithm algorithm, int separateTail) implements Serializable {
        public AlgorithmChoice {
            if (algorithm == null) {
                throw new IllegalArgumentException("algorithm must be given (not null), got null");
            }
            if (separateTail < 0 || (separateTail > 0 && algorithm != Settings.Algorithm.FOMAML
                    && algorithm != Settings.Algorithm.MAML)) {
                throw new IllegalArgumentException("separate must be >= 1 and only for fomaml or maml, got "
                        + separateTail + " for " + algorithm.name().toLowerCase(Locale.ROOT));
            }
        }

        Settings apply(Settings s) {
            Settings changed = s.with(Key.ALGORITHM, algorithm);
            return separateTail > 0 ? changed.with(Key.TAIL, Tail.separate(separateTail))
                    : changed.with(Key.TAIL, Tail.shared());
        }

        /** e.g. {@code reptile}, {@code fomaml}, {@code fomaml separate(5)}. */
        @Override
        public String toString() {
            String name = algorithm.name().toLowerCase(Locale.ROOT);
            return separateTail > 0 ? name + " separate(" + separateTail + ")" : name;
        }
    }

    private final List<List<Assignment>> points;
    private final List<Field> fields;

    private SweepAxis(List<Field> fields, List<List<Assignment>> points) {
        this.fields = List.copyOf(fields);
        this.points = List.copyOf(points);
    }

    /** An axis of one field; every value checked by {@code rule}. */
    static SweepAxis of(Field field, Rule rule, List<? extends Serializable> values) {
        atLeastOne(field.column(), values.size());
        List<List<Assignment>> points = new ArrayList<>();
        for (Serializable v : values) {
            points.add(List.of(new Assignment(field, rule == null ? Rules.SWEEP_AXIS.check(v) : rule.check(v))));
        }
        return new SweepAxis(List.of(field), points);
    }

    /** Axes of equal length varied together: point i takes value i of each. */
    static SweepAxis together(SweepAxis... axes) {
        atLeastOne("together", axes.length);
        int n = Rules.SWEEP_AXIS.check(axes[0]).size();
        List<Field> fields = new ArrayList<>();
        List<List<Assignment>> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new ArrayList<>());
        }
        for (SweepAxis axis : axes) {
            Rules.SWEEP_AXIS.check(axis);
            if (axis.size() != n) {
                throw new IllegalArgumentException("together: every axis must have " + n + " values (as the first), "
                        + "got " + axis.size() + " for " + axis.fields);
            }
            fields.addAll(axis.fields);
            for (int i = 0; i < n; i++) {
                points.get(i).addAll(axis.points.get(i));
            }
        }
        return new SweepAxis(fields, points);
    }

    private static void atLeastOne(String field, int count) {
        if (count < 1) {
            throw new IllegalArgumentException(field + ": a sweep axis needs >= 1 value, got none");
        }
    }

    /** Number of points on this axis. */
    public int size() {
        return points.size();
    }

    public List<Field> fields() {
        return fields;
    }

    /** The assignments of point {@code i}. */
    public List<Assignment> point(int i) {
        return points.get(i);
    }

    @Override
    public String toString() {
        List<String> shown = new ArrayList<>();
        for (List<Assignment> p : points) {
            List<String> parts = new ArrayList<>();
            p.forEach(a -> parts.add(String.valueOf(a.shown())));
            shown.add(parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")");
        }
        List<String> names = new ArrayList<>();
        fields.forEach(f -> names.add(f.column()));
        return String.join("+", names) + " in " + shown;
    }
}
