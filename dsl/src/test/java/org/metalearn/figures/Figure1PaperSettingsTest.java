package org.metalearn.figures;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The claim of Figure 1 at the paper's settings (30,000 meta-iterations, seed 0): after 32 adaptation
 * steps Reptile's MSE on the held-out sine is at least 5x lower than joint training's. About a minute.
 */
class Figure1PaperSettingsTest {

    @Test
    void reptileAdaptsAtLeastFiveTimesBetterThanJointTraining() {
        Figure1.Result result = new Figure1(Figure1.PAPER_ITERATIONS, 0, false).run();
        double joint = result.panels().get(0).trace().finalLoss();
        double reptile = result.panels().get(1).trace().finalLoss();
        System.out.printf("Figure 1 at 30k iterations: joint MSE %.4f, Reptile MSE %.4f (ratio %.1f)%n", joint, reptile,
                joint / reptile);
        assertTrue(reptile * 5 <= joint, "Reptile MSE " + reptile + " vs joint " + joint);
        // and meta-training must not have made the start worse than a flat prediction of a sine of amplitude <= 5
        assertTrue(result.panels().get(1).trace().queryLoss()[0] < 12.5);
    }
}
