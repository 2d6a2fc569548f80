package org.metalearn.dsl;

import org.metalearn.learn.Tail;
import org.metalearn.tasks.SineTasks;

/**
 * Entry point of the DSL: {@code meta().reptile().innerSteps(5).on(sine()).train()}. Statically import
 * {@code Meta.*}.
 */
public final class Meta {
    private Meta() {
    }

    public static Meta meta() {
        return new Meta();
    }

    public ReptileSpec reptile() {
        return new ReptileSpec();
    }

    public FomamlSpec fomaml() {
        return new FomamlSpec();
    }

    /** Second-order MAML (Hessian-vector products through plain-SGD inner steps). */
    public MamlSpec maml() {
        return new MamlSpec();
    }

    public JointSpec joint() {
        return new JointSpec();
    }

    /** The sine-regression family of Figure 1. */
    public static SineTasks sine() {
        return new SineTasks();
    }

    /** First-order MAML's final batch from disjoint held-out data, {@code perClass} samples per class. */
    public static Tail separate(int perClass) {
        return Tail.separate(perClass);
    }

    /** First-order MAML's final batch from the same pool as the earlier steps. */
    public static Tail shared() {
        return Tail.shared();
    }
}
