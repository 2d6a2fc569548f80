package org.metalearn.figures;

import static org.metalearn.dsl.Meta.meta;

import org.metalearn.dsl.TrainingSpec;

/**
 * The ten inner-gradient combinations of Figure 3 (docs/paper.md#figure-3, the official README's commands): with plain
 * SGD and k disjoint mini-batches, Reptile's update is eps * alpha * (g1 + ... + gk) and first-order MAML's is
 * eps * alpha * gk; scaling eps by 1/k turns the sum into the average.
 */
public enum GradientCombination {
    G1("g1", false, 1, 0.25),
    G1_PLUS_G2("g1+g2", false, 2, 0.25),
    MEAN_G1_G2("(g1+g2)/2", false, 2, 0.125),
    G2("g2", true, 2, 0.25),
    G1_TO_G3("g1+g2+g3", false, 3, 0.25),
    MEAN_G1_TO_G3("(g1+g2+g3)/3", false, 3, 0.08325),
    G3("g3", true, 3, 0.25),
    G4("g4", true, 4, 0.25),
    G1_TO_G4("g1+g2+g3+g4", false, 4, 0.25),
    MEAN_G1_TO_G4("(g1+...+g4)/4", false, 4, 0.0625);

    /** Shared flags of the Figure 3 runs: SGD lr 0.003, batch 25, 40k iterations, eps annealed to 0. */
    public static final double LEARNING_RATE = 0.003;
    public static final int INNER_BATCH = 25;
    public static final long META_ITERATIONS = 40_000;

    private final String label;
    private final boolean lastOnly;
    private final int steps;
    private final double metaStep;

    GradientCombination(String label, boolean lastOnly, int steps, double metaStep) {
        this.label = label;
        this.lastOnly = lastOnly;
        this.steps = steps;
        this.metaStep = metaStep;
    }

    public String label() {
        return label;
    }

    /** Number of inner mini-batches k (training tasks need 5k shots per class for k disjoint batches of 25). */
    public int innerSteps() {
        return steps;
    }

    public double metaStep() {
        return metaStep;
    }

    /** True for the "last gradient only" curves (first-order MAML). */
    public boolean lastOnly() {
        return lastOnly;
    }

    /** The variant's spec: algorithm, k, SGD, batch, meta-step; add the task family and budget. */
    public TrainingSpec<?> spec() {
        TrainingSpec<?> base = lastOnly ? meta().fomaml() : meta().reptile();
        return base.innerSteps(steps).innerSgd(LEARNING_RATE).innerBatch(INNER_BATCH).metaBatch(1)
                .metaStep(metaStep, 0.0).metaIterations(META_ITERATIONS);
    }
}
