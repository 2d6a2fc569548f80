package org.metalearn.dsl;

import java.util.function.Supplier;
import org.metalearn.learn.Adam;
import org.metalearn.learn.InnerOptimizer;
import org.metalearn.learn.Sgd;

/**
 * The inner optimizer picked in the DSL: plain SGD or Adam with beta1 = 0 (docs/paper.md#inner-loop). The learning
 * rate is checked by {@link Rules} (innerSgd, innerAdam) when the step is taken.
 */
public record OptimizerChoice(Kind kind, double learningRate) {
    public enum Kind { SGD, ADAM }

    public static OptimizerChoice sgd(double learningRate) {
        return new OptimizerChoice(Kind.SGD, learningRate);
    }

    public static OptimizerChoice adam(double learningRate) {
        return new OptimizerChoice(Kind.ADAM, learningRate);
    }

    Supplier<InnerOptimizer> supplier() {
        return kind == Kind.SGD ? () -> new Sgd(learningRate) : () -> new Adam(learningRate);
    }

    @Override
    public String toString() {
        return (kind == Kind.SGD ? "SGD" : "Adam(beta1=0)") + " lr " + learningRate;
    }
}
