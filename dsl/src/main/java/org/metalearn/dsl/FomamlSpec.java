package org.metalearn.dsl;

import org.metalearn.learn.Tail;

/** First-order MAML: only the last inner step's change counts; shared (default) or separate tail. */
public final class FomamlSpec extends TrainingSpec<FomamlSpec> {
    FomamlSpec() {
        super(Settings.Algorithm.FOMAML);
    }

    /** Where the final mini-batch comes from: {@code shared()} (default) or {@code separate(T)}. */
    public FomamlSpec tail(Tail value) {
        return with(Settings.Key.TAIL, Rules.TAIL.check(value));
    }
}
