package org.metalearn.models;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Builds a learner with freshly initialised parameters drawn from {@code rng} (our own seeded RNG, so the same
 * seed gives the same weights in any JVM). The name identifies the model in a checkpoint: a run resumed with
 * another model is refused. A lambda is named "custom"; use {@link #named} to tell custom models apart.
 */
@FunctionalInterface
public interface LearnerFactory {
    Learner create(UniformRandomProvider rng);

    default String name() {
        return "custom";
    }

    /** A factory with a name (shown in plans and checked when a run resumes). */
    static LearnerFactory named(String name, LearnerFactory factory) {
        return new LearnerFactory() {
            @Override
            public Learner create(UniformRandomProvider rng) {
                return factory.create(rng);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
