package org.metalearn.dsl;

import org.metalearn.learn.Maml;
import org.metalearn.learn.MetaAlgorithm;
import org.metalearn.learn.Tail;

/**
 * Second-order MAML by Hessian-vector products. {@code innerSteps(k)} counts all k mini-batches as for
 * first-order MAML: k-1 SGD adaptation steps, the k-th batch is the test batch. Defaults differ from
 * Reptile's: outer Adam with learning rate 1e-3 -> 0 (Finn et al.'s outer optimizer; PAPER.md 3 proposal).
 */
public final class MamlSpec extends TrainingSpec<MamlSpec> {
    /** PAPER.md 3, Figure 1 proposal: Adam meta learning rate 1e-3. */
    public static final double DEFAULT_OUTER_ADAM_LR = 1e-3;
    private Tail tail = Tail.shared();

    MamlSpec() {
        presetOuterAdam(DEFAULT_OUTER_ADAM_LR, 0.0);
    }

    /** Where the test batch comes from: {@code shared()} (the k-th batch of the pool) or {@code separate(T)}. */
    public MamlSpec tail(Tail value) {
        if (value == null) {
            throw new IllegalArgumentException("tail must not be null");
        }
        MamlSpec copy = with(s -> { });
        copy.tail = value;
        return copy;
    }

    @Override
    protected MetaAlgorithm algorithm() {
        return new Maml(tail);
    }
}
