package org.metalearn.dsl;

import org.metalearn.learn.MetaAlgorithm;
import org.metalearn.learn.Reptile;

/** Reptile: theta += eps * mean(W - theta). */
public final class ReptileSpec extends TrainingSpec<ReptileSpec> {
    ReptileSpec() {
    }

    @Override
    protected MetaAlgorithm algorithm() {
        return new Reptile();
    }
}
