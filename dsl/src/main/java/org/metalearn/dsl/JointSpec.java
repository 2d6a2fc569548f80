package org.metalearn.dsl;

/** Joint training (pre-training on the expected loss): the baseline Reptile with k = 1 reduces to. */
public final class JointSpec extends TrainingSpec<JointSpec> {
    JointSpec() {
        super(Settings.Algorithm.JOINT);
    }
}
