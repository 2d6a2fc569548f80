package org.metalearn.dsl;

import org.metalearn.learn.JointTraining;
import org.metalearn.learn.MetaAlgorithm;

/** Joint training (pre-training on the expected loss): the baseline Reptile with k = 1 reduces to. */
public final class JointSpec extends TrainingSpec<JointSpec> {
    JointSpec() {
    }

    @Override
    protected MetaAlgorithm algorithm() {
        return new JointTraining();
    }
}
