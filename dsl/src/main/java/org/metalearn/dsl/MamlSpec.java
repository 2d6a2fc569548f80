package org.metalearn.dsl;

import org.metalearn.learn.Tail;

/**
 * Second-order MAML by Hessian-vector products (docs/paper.md#second-order-maml-in-this-project). {@code innerSteps(k)} counts all k
 * mini-batches as for first-order MAML: k-1 SGD adaptation steps, the k-th batch is the test batch. Needs
 * {@code innerSgd}; unless set, the outer loop is Adam with learning rate 1e-3 -> 0 ({@link Presets#MAML_OUTER_ADAM}).
 */
public final class MamlSpec extends TrainingSpec<MamlSpec> {
    MamlSpec() {
        super(Settings.Algorithm.MAML);
    }

    /** Where the test batch comes from: {@code shared()} (the k-th batch of the pool) or {@code separate(T)}. */
    public MamlSpec tail(Tail value) {
        return with(Settings.Key.TAIL, Rules.TAIL.check(value));
    }
}
