package org.metalearn.dsl;

import java.util.function.Predicate;

/**
 * One validation rule of the DSL: a field, the allowed range in words, and the test. {@link #check} throws the
 * one error format users see everywhere: {@code "innerSteps must be >= 1, got 0"}. All rules live in
 * {@link Rules}.
 */
public record Rule(String field, String range, Kind kind, Predicate<Object> test) {
    /** What sort of value the rule takes; the rule test generates bad values from it. */
    public enum Kind { AT_LEAST, POSITIVE_FINITE, NON_NEGATIVE_FINITE, NOT_NULL }

    /** Returns {@code value} if allowed, else throws {@link IllegalArgumentException} naming field and range. */
    public <T> T check(T value) {
        if (!test.test(value)) {
            throw new IllegalArgumentException(field + " must be " + range + ", got " + value);
        }
        return value;
    }

    /** The smallest allowed value of an {@link Kind#AT_LEAST} rule. */
    public long minimum() {
        if (kind != Kind.AT_LEAST) {
            throw new IllegalStateException(field + " is not a lower-bound rule");
        }
        return Long.parseLong(range.substring(3));
    }

    static Rule atLeast(String field, long min) {
        return new Rule(field, ">= " + min, Kind.AT_LEAST, v -> v instanceof Number n && n.longValue() >= min);
    }

    static Rule positiveFinite(String field) {
        return new Rule(field, "> 0 and finite", Kind.POSITIVE_FINITE,
                v -> v instanceof Number n && n.doubleValue() > 0 && !Double.isInfinite(n.doubleValue()));
    }

    static Rule nonNegativeFinite(String field) {
        return new Rule(field, ">= 0 and finite", Kind.NON_NEGATIVE_FINITE,
                v -> v instanceof Number n && n.doubleValue() >= 0 && !Double.isInfinite(n.doubleValue()));
    }

    static Rule notNull(String field) {
        return new Rule(field, "given (not null)", Kind.NOT_NULL, v -> v != null);
    }
}
