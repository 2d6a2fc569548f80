package org.metalearn.dsl;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.util.RandomStreams;

/**
 * A range a sampled sweep draws one setting from: {@code uniform}, {@code logUniform} (uniform in the logarithm),
 * {@code integers} (both ends included) or a {@code choice} of values. {@link #sample} draws {@code n} distinct
 * points from a seed and returns them as an ordinary {@link SweepAxis} (its settings varied together), so a
 * sampled axis combines with grid axes and its values become part of each run's identity and table row.
 */
public final class SampledAxis implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How a value is drawn. */
    public enum Kind { UNIFORM, LOG_UNIFORM, INTEGERS, CHOICE }

    private final SweepAxis.Field field;
    private final Kind kind;
    private final double lo;
    private final double hi;
    private final List<Serializable> values;

    private SampledAxis(SweepAxis.Field field, Kind kind, double lo, double hi, List<Serializable> values) {
        this.field = field;
        this.kind = kind;
        this.lo = lo;
        this.hi = hi;
        this.values = List.copyOf(values);
    }

    /** Uniform on [lo, hi) for a real setting (innerSgd, innerAdam, metaStep). */
    public static SampledAxis uniform(String setting, double lo, double hi) {
        return real("uniform", Kind.UNIFORM, setting, lo, hi);
    }

    /** Uniform in the logarithm on [lo, hi), lo > 0, for a real setting (innerSgd, innerAdam, metaStep). */
    public static SampledAxis logUniform(String setting, double lo, double hi) {
        return real("logUniform", Kind.LOG_UNIFORM, setting, lo, hi);
    }

    /** Every integer in [lo, hi] equally likely, for an integer setting (innerSteps, metaBatch, seed, ...). */
    public static SampledAxis integers(String setting, long lo, long hi) {
        SweepAxis.Field f = field("integers", setting);
        if (type(f) != Integer.class && type(f) != Long.class) {
            throw new IllegalArgumentException("integers: " + setting + " is not an integer setting; integers takes "
                    + "one of " + columns(Integer.class, Long.class));
        }
        if (lo > hi) {
            throw new IllegalArgumentException("integers " + setting + ": lo must be <= hi, got lo=" + lo + ", hi="
                    + hi);
        }
        rangeEnd("integers", f, typed(f, lo));
        rangeEnd("integers", f, typed(f, hi));
        return new SampledAxis(f, Kind.INTEGERS, lo, hi, List.of());
    }

    /**
     * One of {@code values}, each equally likely: numbers for numeric settings, {@code Sweep.reptile()} etc. for
     * {@code algorithm}, text for {@code label}.
     */
    public static SampledAxis choice(String setting, Object... values) {
        SweepAxis.Field f = field("choice", setting);
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("choice " + setting + ": needs >= 1 value, got none");
        }
        // SweepAxis.of checks each value with the setting's own rule; its points are the checked values
        SweepAxis checked = SweepAxis.of(f, rule(f), Arrays.stream(values).map(v -> typed(f, v)).toList());
        List<Serializable> list = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            list.add(checked.point(i).get(0).value());
        }
        if (new LinkedHashSet<>(list).size() != list.size()) {
            throw new IllegalArgumentException("choice " + setting + ": values must be distinct, got " + list);
        }
        return new SampledAxis(f, Kind.CHOICE, Double.NaN, Double.NaN, list);
    }

    /**
     * {@code n} distinct points drawn from {@code seed} ({@link RandomStreams.Role#SEARCH}): point i takes its value
     * of each range. The same seed gives the same points in any JVM.
     */
    static SweepAxis sample(int n, long seed, SampledAxis... ranges) {
        if (n < 1) {
            throw new IllegalArgumentException("sample: n must be >= 1, got " + n);
        }
        Rules.SEED.check(seed);
        if (ranges == null || ranges.length == 0) {
            throw new IllegalArgumentException("sample: needs >= 1 range (uniform, logUniform, integers, choice)");
        }
        List<SweepAxis.Field> fields = new ArrayList<>();
        for (SampledAxis r : ranges) {
            Rules.SWEEP_AXIS.check(r);
            if (fields.contains(r.field)) {
                throw new IllegalArgumentException("sample: " + r.field.column() + " has two ranges; give one");
            }
            fields.add(r.field);
        }
        UniformRandomProvider rng = RandomStreams.of(seed, RandomStreams.Role.SEARCH);
        Set<List<Serializable>> points = new LinkedHashSet<>();
        long draws = 0;
        long maxDraws = 1_000L + 100L * n;
        while (points.size() < n) {
            if (draws++ == maxDraws) {
                throw new IllegalArgumentException("sample: n must be at most the number of distinct points of the "
                        + "ranges; found only " + points.size() + " in " + maxDraws + " draws, asked for " + n);
            }
            List<Serializable> p = new ArrayList<>();
            for (SampledAxis r : ranges) {
                p.add(r.draw(rng));
            }
            points.add(p); // a point drawn twice would be one run twice: drawn again
        }
        List<SweepAxis> axes = new ArrayList<>();
        for (int j = 0; j < ranges.length; j++) {
            List<Serializable> column = new ArrayList<>();
            for (List<Serializable> p : points) {
                column.add(p.get(j));
            }
            axes.add(SweepAxis.of(fields.get(j), rule(fields.get(j)), column));
        }
        return SweepAxis.together(axes.toArray(SweepAxis[]::new));
    }

    /** The setting drawn, by its DSL name (the table's column). */
    public String setting() {
        return field.column();
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the range is best shown on a log axis (a log-uniform range). */
    public boolean logScale() {
        return kind == Kind.LOG_UNIFORM;
    }

    private Serializable draw(UniformRandomProvider rng) {
        return switch (kind) {
            case UNIFORM -> Math.min(Math.nextDown(hi), lo + rng.nextDouble() * (hi - lo));
            case LOG_UNIFORM -> Math.max(lo, Math.min(Math.nextDown(hi),
                    Math.exp(Math.log(lo) + rng.nextDouble() * (Math.log(hi) - Math.log(lo)))));
            case INTEGERS -> typed(field, (long) lo + rng.nextLong((long) hi - (long) lo + 1));
            case CHOICE -> values.get(rng.nextInt(values.size()));
        };
    }

    private static SampledAxis real(String verb, Kind kind, String setting, double lo, double hi) {
        SweepAxis.Field f = field(verb, setting);
        if (type(f) != Double.class) {
            throw new IllegalArgumentException(verb + ": " + setting + " is not a real-valued setting; " + verb
                    + " takes one of " + columns(Double.class));
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo >= hi) {
            throw new IllegalArgumentException(verb + " " + setting + ": lo must be < hi, both finite, got lo=" + lo
                    + ", hi=" + hi);
        }
        if (kind == Kind.LOG_UNIFORM && lo <= 0) {
            throw new IllegalArgumentException(verb + " " + setting + ": lo must be > 0 (a log range), got lo=" + lo);
        }
        rangeEnd(verb, f, lo);
        rangeEnd(verb, f, hi);
        return new SampledAxis(f, kind, lo, hi, List.of());
    }

    /** An end of a range must itself be an allowed value of the setting. */
    private static void rangeEnd(String verb, SweepAxis.Field f, Serializable end) {
        Rule rule = rule(f);
        try {
            rule.check(end);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(verb + ": the range of " + e.getMessage(), e);
        }
    }

    private static SweepAxis.Field field(String verb, String setting) {
        for (SweepAxis.Field f : SweepAxis.Field.values()) {
            if (f.column().equals(setting)) {
                return f;
            }
        }
        List<String> all = new ArrayList<>();
        for (SweepAxis.Field f : SweepAxis.Field.values()) {
            all.add(f.column());
        }
        throw new IllegalArgumentException(verb + ": setting must be one of " + all + ", got " + setting);
    }

    /** The value type a setting's axis holds. */
    private static Class<?> type(SweepAxis.Field f) {
        return switch (f) {
            case INNER_SGD, INNER_ADAM, META_STEP -> Double.class;
            case INNER_STEPS, INNER_BATCH, META_BATCH, TRAIN_SHOTS -> Integer.class;
            case META_ITERATIONS, SEED -> Long.class;
            case ALGORITHM -> SweepAxis.AlgorithmChoice.class;
            case LABEL -> String.class;
        };
    }

    /** The rule of a setting's values (null: only not-null, as {@code Sweep.algorithms} and {@code labels}). */
    private static Rule rule(SweepAxis.Field f) {
        return switch (f) {
            case INNER_SGD -> Rules.INNER_SGD;
            case INNER_ADAM -> Rules.INNER_ADAM;
            case META_STEP -> Rules.META_STEP;
            case INNER_STEPS -> Rules.INNER_STEPS;
            case INNER_BATCH -> Rules.INNER_BATCH;
            case META_BATCH -> Rules.META_BATCH;
            case TRAIN_SHOTS -> Rules.TRAIN_SHOTS;
            case META_ITERATIONS -> Rules.META_ITERATIONS;
            case SEED -> Rules.SEED;
            case ALGORITHM, LABEL -> null;
        };
    }

    /** {@code v} as the setting's value type; a number of the wrong kind (2.5 steps) fails naming the setting. */
    private static Serializable typed(SweepAxis.Field f, Object v) {
        Class<?> type = type(f);
        if (v instanceof Number n && type != SweepAxis.AlgorithmChoice.class && type != String.class) {
            if (type == Double.class) {
                return n.doubleValue();
            }
            boolean integral = (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte)
                    || n.doubleValue() == Math.rint(n.doubleValue());
            if (!integral || (type == Integer.class && (n.longValue() > Integer.MAX_VALUE
                    || n.longValue() < Integer.MIN_VALUE))) {
                throw new IllegalArgumentException(f.column() + " must be a whole number"
                        + (type == Integer.class ? " (an int)" : "") + ", got " + v);
            }
            return type == Integer.class ? (Serializable) (int) n.longValue() : (Serializable) n.longValue();
        }
        if (v != null && !type.isInstance(v)) {
            throw new IllegalArgumentException(f.column() + " must be " + describe(type) + ", got " + v);
        }
        return (Serializable) v;
    }

    private static String describe(Class<?> type) {
        if (type == SweepAxis.AlgorithmChoice.class) {
            return "an algorithm (Sweep.reptile(), Sweep.fomaml(), ...)";
        }
        return type == String.class ? "text" : "a number";
    }

    private static List<String> columns(Class<?>... types) {
        List<String> names = new ArrayList<>();
        for (SweepAxis.Field f : SweepAxis.Field.values()) {
            if (Arrays.asList(types).contains(type(f))) {
                names.add(f.column());
            }
        }
        return names;
    }

    /** e.g. {@code innerAdam logUniform [1.0E-4, 0.01)}. */
    @Override
    public String toString() {
        return switch (kind) {
            case UNIFORM, LOG_UNIFORM -> field.column() + " " + kind.name().toLowerCase(Locale.ROOT)
                    .replace("log_uniform", "logUniform") + " [" + lo + ", " + hi + ")";
            case INTEGERS -> field.column() + " integers [" + (long) lo + ", " + (long) hi + "]";
            case CHOICE -> field.column() + " choice " + values;
        };
    }
}
