package org.metalearn.models;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Builds a learner with freshly initialised parameters drawn from {@code rng} (our own seeded RNG, so the same
 * seed gives the same weights in any JVM). Its {@link #id()} identifies the model in a checkpoint: a run resumed with
 * another model is refused. A lambda is {@code custom}; use {@link #named} to tell custom models apart.
 */
@FunctionalInterface
public interface LearnerFactory {
    Learner create(UniformRandomProvider rng);

    /** The model's identity (stored in checkpoints). */
    default ModelId id() {
        return ModelId.custom("custom");
    }

    /** The identity as text, e.g. {@code omniglot-conv lean 5-way} (shown in plans). */
    default String name() {
        return id().toString();
    }

    /** A factory with an identity (shown in plans and checked when a run resumes). */
    static LearnerFactory named(ModelId id, LearnerFactory factory) {
        return new LearnerFactory() {
            @Override
            public Learner create(UniformRandomProvider rng) {
                return factory.create(rng);
            }

            @Override
            public ModelId id() {
                return id;
            }

            @Override
            public String toString() {
                return id.toString();
            }
        };
    }

    /** A custom model with a name of its author's ({@link ModelId#custom}). */
    static LearnerFactory named(String name, LearnerFactory factory) {
        return named(ModelId.custom(name), factory);
    }
}
