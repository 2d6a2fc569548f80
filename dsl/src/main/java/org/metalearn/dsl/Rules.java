package org.metalearn.dsl;

import java.util.List;

/**
 * Every per-field rule of the DSL in one table (field, allowed range). Setters check their value here, so a bad
 * value fails at the step that gave it; checks between fields (a batch larger than the task's pool, ways beyond
 * the data, MAML without SGD) run once, when {@link Resolver} builds the plan.
 */
public final class Rules {
    private Rules() {
    }

    public static final Rule ON = Rule.notNull("on");
    public static final Rule WAYS = Rule.atLeast("ways", 2);
    public static final Rule SHOTS = Rule.atLeast("shots", 1);
    public static final Rule TRAIN_SHOTS = Rule.atLeast("trainShots", 1);
    public static final Rule INNER_STEPS = Rule.atLeast("innerSteps", 1);
    public static final Rule INNER_BATCH = Rule.atLeast("innerBatch", 1);
    public static final Rule INNER_SGD = Rule.positiveFinite("innerSgd");
    public static final Rule INNER_ADAM = Rule.positiveFinite("innerAdam");
    public static final Rule META_BATCH = Rule.atLeast("metaBatch", 1);
    public static final Rule META_STEP = Rule.nonNegativeFinite("metaStep");
    public static final Rule META_STEP_FINAL = Rule.nonNegativeFinite("metaStepFinal");
    public static final Rule META_ITERATIONS = Rule.atLeast("metaIterations", 1);
    public static final Rule SEED = Rule.atLeast("seed", 0);
    public static final Rule MODEL = Rule.notNull("model");
    public static final Rule ACTIVATION = Rule.notNull("activation");
    public static final Rule TAIL = Rule.notNull("tail");
    public static final Rule SEPARATE_TAIL = Rule.atLeast("separate", 1);
    public static final Rule WORKERS = Rule.atLeast("workers", 1);
    public static final Rule CURVE_ROWS = Rule.atLeast("curveRows", 1);
    public static final Rule LISTENER = Rule.notNull("listener");
    public static final Rule CHECKPOINT = Rule.notNull("checkpoint");
    public static final Rule CHECKPOINT_EVERY = Rule.atLeast("checkpointEvery", 1);
    public static final Rule EVAL_ITERATIONS = Rule.atLeast("evalIterations", 0);
    public static final Rule EVAL_BATCH = Rule.atLeast("evalBatch", 1);
    public static final Rule EVAL_TASKS = Rule.atLeast("tasks", 1);
    public static final Rule EVALUATE_EVERY = Rule.atLeast("evaluateEvery", 1);
    public static final Rule EVALUATE_TASKS = Rule.atLeast("evaluateTasks", 1);
    public static final Rule EVALUATE_FACTOR = Rule.atLeast("factor", 2);
    public static final Rule SWEEP_BASE = Rule.notNull("sweep");
    public static final Rule SWEEP_AXIS = Rule.notNull("vary");
    public static final Rule SWEEP_STORE = Rule.notNull("store");
    public static final Rule SWEEP_PARALLEL = Rule.atLeast("parallel", 1);

    /** All of the above; a test walks every one through its DSL step. */
    public static final List<Rule> ALL = List.of(ON, WAYS, SHOTS, TRAIN_SHOTS, INNER_STEPS, INNER_BATCH, INNER_SGD,
            INNER_ADAM, META_BATCH, META_STEP, META_STEP_FINAL, META_ITERATIONS, SEED, MODEL, ACTIVATION, TAIL,
            SEPARATE_TAIL, WORKERS, CURVE_ROWS, LISTENER, CHECKPOINT, CHECKPOINT_EVERY, EVAL_ITERATIONS, EVAL_BATCH,
            EVAL_TASKS, EVALUATE_EVERY, EVALUATE_TASKS, EVALUATE_FACTOR, SWEEP_BASE, SWEEP_AXIS, SWEEP_STORE, SWEEP_PARALLEL);

    /** A value in [min, max] whose upper bound depends on the data ({@code why} says why). */
    static int inRange(String field, int value, int min, int max, String why) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "]" + why + ", got "
                    + value);
        }
        return value;
    }
}
