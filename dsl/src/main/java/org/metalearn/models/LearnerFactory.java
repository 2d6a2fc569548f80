package org.metalearn.models;

import org.apache.commons.rng.UniformRandomProvider;

/** Builds a learner with freshly initialised parameters drawn from {@code rng} (our own seeded RNG, so
 * the same seed gives the same weights in any JVM). */
@FunctionalInterface
public interface LearnerFactory {
    Learner create(UniformRandomProvider rng);
}
