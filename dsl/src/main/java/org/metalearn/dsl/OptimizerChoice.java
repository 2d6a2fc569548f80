package org.metalearn.dsl;

import java.util.function.Supplier;
import org.metalearn.learn.Adam;
import org.metalearn.learn.InnerOptimizer;
import org.metalearn.learn.Sgd;

/** The inner optimizer picked in the DSL: plain SGD or Adam with beta1 = 0 (PAPER.md 1.6). */
public record OptimizerChoice(Kind kind, double learningRate) {
    public enum Kind { SGD, ADAM }

    public OptimizerChoice {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 and finite, got " + learningRate);
        }
    }

    Supplier<InnerOptimizer> supplier() {
        return kind == Kind.SGD ? () -> new Sgd(learningRate) : () -> new Adam(learningRate);
    }

    @Override
    public String toString() {
        return (kind == Kind.SGD ? "SGD" : "Adam(beta1=0)") + " lr " + learningRate;
    }
}
