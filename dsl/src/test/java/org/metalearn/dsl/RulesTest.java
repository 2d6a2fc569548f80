package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.separate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every rule of {@link Rules} through the DSL step that applies it: each bad value (generated from the
 * rule's kind) must fail with the one message format naming the field and the allowed range.
 */
class RulesTest {
    /** The DSL step of each rule, taking the (bad) value as an Object. */
    private static final Map<String, Consumer<Object>> STEPS = Map.ofEntries(
            Map.entry("on", v -> meta().reptile().on(null)),
            Map.entry("ways", v -> meta().reptile().ways(((Number) v).intValue())),
            Map.entry("shots", v -> meta().reptile().shots(((Number) v).intValue())),
            Map.entry("trainShots", v -> meta().reptile().trainShots(((Number) v).intValue())),
            Map.entry("innerSteps", v -> meta().reptile().innerSteps(((Number) v).intValue())),
            Map.entry("innerBatch", v -> meta().joint().innerBatch(((Number) v).intValue())),
            Map.entry("innerSgd", v -> meta().maml().innerSgd(((Number) v).doubleValue())),
            Map.entry("innerAdam", v -> meta().reptile().innerAdam(((Number) v).doubleValue())),
            Map.entry("metaBatch", v -> meta().reptile().metaBatch(((Number) v).intValue())),
            Map.entry("metaStep", v -> meta().reptile().metaStep(((Number) v).doubleValue(), 0)),
            Map.entry("metaStepFinal", v -> meta().reptile().metaStep(1, ((Number) v).doubleValue())),
            Map.entry("metaIterations", v -> meta().fomaml().metaIterations(((Number) v).longValue())),
            Map.entry("seed", v -> meta().reptile().seed(((Number) v).longValue())),
            Map.entry("model", v -> meta().reptile().model(null)),
            Map.entry("activation", v -> meta().reptile().activation(null)),
            Map.entry("tail", v -> meta().fomaml().tail(null)),
            Map.entry("separate", v -> separate(((Number) v).intValue())),
            Map.entry("workers", v -> meta().reptile().workers(((Number) v).intValue())),
            Map.entry("curveRows", v -> meta().reptile().curveRows(((Number) v).intValue())),
            Map.entry("listener", v -> meta().reptile().listener(null)),
            Map.entry("checkpoint", v -> meta().reptile().checkpoint(null, 10)),
            Map.entry("checkpointEvery", v -> meta().reptile().checkpoint(Path.of("x.ckpt"), ((Number) v).intValue())),
            Map.entry("evalIterations", v -> EvaluationFixture.spec().iterations(((Number) v).intValue())),
            Map.entry("evalBatch", v -> EvaluationFixture.spec().batch(((Number) v).intValue())),
            Map.entry("tasks", v -> EvaluationFixture.spec().tasks(((Number) v).intValue())),
            Map.entry("evaluateEvery", v -> meta().reptile().evaluateEvery(((Number) v).intValue(), 10)),
            Map.entry("evaluateTasks", v -> meta().reptile().evaluateEvery(10, ((Number) v).intValue())),
            Map.entry("factor", v -> meta().reptile().evaluateGeometric(10, ((Number) v).intValue(), 10)),
            Map.entry("sweep", v -> meta().sweep(null)),
            Map.entry("vary", v -> meta().sweep(meta().reptile()).vary(null)),
            Map.entry("store", v -> meta().sweep(meta().reptile()).store(null)),
            Map.entry("parallel", v -> meta().sweep(meta().reptile()).parallel(((Number) v).intValue())));

    static Stream<Arguments> badValues() {
        List<Arguments> cases = new ArrayList<>();
        for (Rule rule : Rules.ALL) {
            List<Object> bad = switch (rule.kind()) {
                case AT_LEAST -> List.of(rule.minimum() - 1, rule.minimum() - 1000, (long) Integer.MIN_VALUE);
                case POSITIVE_FINITE -> List.of(0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY);
                case NON_NEGATIVE_FINITE -> List.of(-0.5, Double.NaN, Double.POSITIVE_INFINITY);
                case NOT_NULL -> java.util.Collections.singletonList(null);
            };
            for (Object v : bad) {
                cases.add(Arguments.of(rule, v));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("badValues")
    void everyRuleRejectsBadValuesNamingFieldAndRange(Rule rule, Object bad) {
        Consumer<Object> step = STEPS.get(rule.field());
        // ints: the step narrows the value, so the message shows the narrowed one
        Object shown = bad instanceof Long l && rule.minimum() > Integer.MIN_VALUE && !isLongField(rule)
                ? (Object) (int) (long) l : bad;
        var e = assertThrows(IllegalArgumentException.class, () -> step.accept(bad));
        assertEquals(rule.field() + " must be " + rule.range() + ", got " + shown, e.getMessage());
    }

    private static boolean isLongField(Rule rule) {
        return rule.field().equals("metaIterations") || rule.field().equals("seed");
    }

    @Test
    void everyRuleHasItsStepAndEveryFieldIsListedOnce() {
        Set<String> fields = new HashSet<>();
        for (Rule rule : Rules.ALL) {
            assertTrue(fields.add(rule.field()), "listed twice: " + rule.field());
            assertTrue(STEPS.containsKey(rule.field()), "no DSL step tested for rule " + rule.field());
        }
        assertEquals(STEPS.keySet(), fields);
    }

    @Test
    void boundaryValuesAreAccepted() {
        for (Rule rule : Rules.ALL) {
            switch (rule.kind()) {
                case AT_LEAST -> rule.check(rule.minimum());
                case POSITIVE_FINITE -> rule.check(Double.MIN_VALUE);
                case NON_NEGATIVE_FINITE -> rule.check(0.0);
                case NOT_NULL -> rule.check("x");
            }
        }
    }
}
