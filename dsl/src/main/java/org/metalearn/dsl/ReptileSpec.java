package org.metalearn.dsl;

/** Reptile: theta += eps * mean(W - theta) (docs/paper.md#reptile). */
public final class ReptileSpec extends TrainingSpec<ReptileSpec> {
    ReptileSpec() {
        super(Settings.Algorithm.REPTILE);
    }
}
