package org.metalearn.dsl;

import org.metalearn.learn.FirstOrderMaml;
import org.metalearn.learn.MetaAlgorithm;
import org.metalearn.learn.Tail;

/** First-order MAML: only the last inner step's change counts; shared (default) or separate tail. */
public final class FomamlSpec extends TrainingSpec<FomamlSpec> {
    private Tail tail = Tail.shared();

    FomamlSpec() {
    }

    /** Where the final mini-batch comes from: {@code Tail.shared()} or {@code Tail.separate(T)}. */
    public FomamlSpec tail(Tail value) {
        if (value == null) {
            throw new IllegalArgumentException("tail must not be null");
        }
        FomamlSpec copy = with(s -> { });
        copy.tail = value;
        return copy;
    }

    @Override
    protected MetaAlgorithm algorithm() {
        return new FirstOrderMaml(tail);
    }
}
