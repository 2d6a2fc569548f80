package org.metalearn.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.metalearn.models.LearnerFactory;
import org.metalearn.tasks.TaskDistribution;

/**
 * What a user has set on a spec, as an immutable value: unset keys are absent and take their preset's or the
 * algorithm's default when {@link Resolver} builds the plan. Values are checked by {@link Rules} before they get
 * here.
 */
public final class Settings {
    /** The settings a spec can hold; the name is what the user wrote (the DSL step). */
    public enum Key {
        ALGORITHM("algorithm"), TAIL("tail"), TASKS("on"), WAYS("ways"), SHOTS("shots"), TRAIN_SHOTS("trainShots"),
        INNER_STEPS("innerSteps"), INNER_BATCH("innerBatch"), REPLACEMENT("replacement"),
        INNER_OPTIMIZER("innerOptimizer"), META_BATCH("metaBatch"), META_STEP("metaStep"), OUTER("outer"),
        META_ITERATIONS("metaIterations"), SEED("seed"), MODEL("model"), ACTIVATION("activation"),
        EXECUTION("execution"), WORKERS("workers"), PROGRESS("progress"), CURVE_ROWS("curveRows"),
        LISTENERS("listener"), CHECKPOINT("checkpoint"), CHECKPOINT_EVERY("checkpointEvery"),
        EVALUATE_EVERY("evaluateEvery"), EVAL_PROTOCOL("evalProtocol");

        private final String label;

        Key(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The outer loop: the paper's interpolation, or Adam on -mean(contribution). */
    public enum Outer { INTERPOLATION, ADAM }

    /** The algorithm a spec trains with. */
    public enum Algorithm { REPTILE, FOMAML, MAML, JOINT }

    private final Map<Key, Object> values;

    private Settings(Map<Key, Object> values) {
        this.values = values;
    }

    static Settings of(Algorithm algorithm) {
        Map<Key, Object> m = new EnumMap<>(Key.class);
        m.put(Key.ALGORITHM, algorithm);
        return new Settings(m);
    }

    /** A copy with {@code key} set to {@code value}. */
    Settings with(Key key, Object value) {
        Map<Key, Object> m = new EnumMap<>(values);
        m.put(key, value);
        return new Settings(m);
    }

    /** A copy with {@code key} unset. */
    Settings without(Key key) {
        Map<Key, Object> m = new EnumMap<>(values);
        m.remove(key);
        return new Settings(m);
    }

    /** A copy with {@code value} appended to the list under {@code key}. */
    Settings adding(Key key, Object value) {
        List<Object> list = new ArrayList<>(get(key, List.of()));
        list.add(value);
        return with(key, Collections.unmodifiableList(list));
    }

    boolean has(Key key) {
        return values.containsKey(key);
    }

    /** The value set for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    <T> T get(Key key) {
        return (T) values.get(key);
    }

    /** The value set for {@code key}, or {@code fallback}. */
    @SuppressWarnings("unchecked")
    <T> T get(Key key, T fallback) {
        return values.containsKey(key) ? (T) values.get(key) : fallback;
    }

    /** What was set, e.g. {@code {algorithm reptile, innerSteps 5}}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        values.forEach((k, v) -> j.add(k.label() + " " + show(v)));
        return j.toString();
    }

    private static String show(Object v) {
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (v instanceof TaskDistribution t) {
            return t.name();
        }
        if (v instanceof LearnerFactory f) {
            return f.name();
        }
        if (v instanceof List<?> list) {
            return list.size() + " listener(s)";
        }
        return String.valueOf(v);
    }
}
