package org.metalearn.figures;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The claims of Figure 1 at the paper's settings (30,000 meta-iterations, seed 0): after 32 adaptation steps
 * Reptile's MSE on the held-out sine is at least 5x lower than joint training's, and MAML's is within a factor
 * of 2 of Reptile's (or better) and also far below joint training's. About two minutes.
 */
class Figure1PaperSettingsTest {

    @Test
    void reptileAdaptsAtLeastFiveTimesBetterThanJointTraining() {
        Figure1.Result result = new Figure1(Figure1.PAPER_ITERATIONS, 0, false).run();
        double joint = result.panels().get(0).trace().finalLoss();
        double maml = result.panels().get(1).trace().finalLoss();
        double reptile = result.panels().get(2).trace().finalLoss();
        System.out.printf("Figure 1 at 30k iterations: joint MSE %.4f, MAML MSE %.4f, Reptile MSE %.4f%n", joint, maml,
                reptile);
        assertTrue(reptile * 5 <= joint, "Reptile MSE " + reptile + " vs joint " + joint);
        assertTrue(maml <= 2 * reptile, "MAML MSE " + maml + " vs Reptile " + reptile);
        assertTrue(maml * 5 <= joint, "MAML MSE " + maml + " vs joint " + joint);
        // and meta-training must not have made the start worse than a flat prediction of a sine of amplitude <= 5
        assertTrue(result.panels().get(2).trace().queryLoss()[0] < 12.5);
    }
}
