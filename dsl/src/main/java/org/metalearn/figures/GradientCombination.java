package org.metalearn.figures;

import static org.metalearn.dsl.Meta.meta;

import org.metalearn.dsl.Sweep;
import org.metalearn.dsl.SweepAxis;
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

    /**
     * All ten variants as one sweep axis (label, algorithm, k, 5k training shots, outer step, varied together): add
     * it to a sweep whose base sets the shared flags, e.g. {@code innerSgd(LEARNING_RATE).innerBatch(INNER_BATCH)
     * .metaBatch(1)} on 5-way Omniglot.
     */
    public static SweepAxis axis() {
        GradientCombination[] all = values();
        String[] labels = new String[all.length];
        SweepAxis.AlgorithmChoice[] algorithms = new SweepAxis.AlgorithmChoice[all.length];
        int[] steps = new int[all.length];
        int[] shots = new int[all.length];
        double[] metaSteps = new double[all.length];
        for (int i = 0; i < all.length; i++) {
            labels[i] = all[i].label;
            algorithms[i] = all[i].lastOnly ? Sweep.fomaml() : Sweep.reptile();
            steps[i] = all[i].steps;
            shots[i] = 5 * all[i].steps; // k disjoint batches of 25 from 5 classes
            metaSteps[i] = all[i].metaStep;
        }
        return Sweep.together(Sweep.labels(labels), Sweep.algorithms(algorithms), Sweep.innerSteps(steps),
                Sweep.trainShots(shots), Sweep.metaStep(metaSteps));
    }

    /** The variant's spec: algorithm, k, SGD, batch, meta-step; add the task family and budget. */
    public TrainingSpec<?> spec() {
        TrainingSpec<?> base = lastOnly ? meta().fomaml() : meta().reptile();
        return base.innerSteps(steps).innerSgd(LEARNING_RATE).innerBatch(INNER_BATCH).metaBatch(1)
                .metaStep(metaStep, 0.0).metaIterations(META_ITERATIONS);
    }
}
