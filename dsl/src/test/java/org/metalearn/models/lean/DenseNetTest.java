package org.metalearn.models.lean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.metalearn.learn.Sgd;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.SineTasks;
import org.metalearn.tasks.Task;
import org.metalearn.util.RandomStreams;
import org.metalearn.models.dl4j.Dl4jDenseNet;
import org.metalearn.models.Activation;
import org.metalearn.models.Initializers;
import org.metalearn.models.SineMlp;

class DenseNetTest {

    @Test
    void linearModelGradientMatchesHandComputation() {
        // y = w x + b, loss = mean (y - t)^2 over x = (1, 2), t = (1, 0), w = 0.5, b = 0.25:
        // residuals (-0.25, 1.25); dL/dw = (2/2)(-0.25*1 + 1.25*2) = 2.25; dL/db = (2/2)(-0.25 + 1.25) = 1.0
        DenseNet net = new DenseNet(new int[] {1, 1}, Activation.TANH, new float[] {0.5f, 0.25f});
        float[] g = new float[2];
        double loss = net.lossAndGradient(new Batch(new float[] {1, 2}, new float[] {1, 0}, 2), g);
        assertEquals((0.0625 + 1.5625) / 2, loss, 1e-7);
        assertArrayEquals(new float[] {2.25f, 1.0f}, g, 1e-6f);
    }

    @Test
    void gradientMatchesCentralFiniteDifferences() {
        for (Activation act : Activation.values()) {
            int[] sizes = {2, 5, 4, 3};
            float[] p = Initializers.torchLinearDefault(sizes, RandomStreams.of(3, RandomStreams.Role.INIT));
            DenseNet net = new DenseNet(sizes, act, p);
            var rng = RandomStreams.of(4, RandomStreams.Role.TASKS);
            float[] x = new float[12];
            float[] y = new float[18];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (rng.nextDouble() * 4 - 2);
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) rng.nextDouble();
            }
            Batch b = new Batch(x, y, 6);
            float[] g = new float[p.length];
            net.lossAndGradient(b, g);
            double h = 1e-2;
            for (int i = 0; i < p.length; i++) {
                float[] plus = p.clone();
                float[] minus = p.clone();
                plus[i] += (float) h;
                minus[i] -= (float) h;
                double fd = (new DenseNet(sizes, act, plus).loss(b) - new DenseNet(sizes, act, minus).loss(b)) / (2 * h);
                assertEquals(fd, g[i], 2e-3 + 2e-2 * Math.abs(fd), act + " parameter " + i);
            }
        }
    }

    @Test
    void leanNetAndDl4jNetAgreeOnOutputsGradientsAndTraining() {
        for (Activation act : Activation.values()) {
            float[] p = Initializers.torchLinearDefault(SineMlp.SIZES, RandomStreams.of(5, RandomStreams.Role.INIT));
            DenseNet lean = new DenseNet(SineMlp.SIZES, act, p);
            Dl4jDenseNet dl4j = new Dl4jDenseNet(SineMlp.SIZES, act, p);
            assertEquals(lean.parameterCount(), dl4j.parameterCount());
            assertArrayEquals(lean.parameters(), dl4j.parameters());
            float[] grid = new SineTasks().grid();
            assertArrayEquals(dl4j.predict(grid, grid.length), lean.predict(grid, grid.length), 1e-5f);
            Task task = new SineTasks().sample(RandomStreams.of(6, RandomStreams.Role.TASKS));
            Batch batch = task.all();
            float[] gl = new float[p.length];
            float[] gd = new float[p.length];
            assertEquals(dl4j.lossAndGradient(batch, gd), lean.lossAndGradient(batch, gl), 1e-5);
            assertArrayEquals(gd, gl, 1e-5f);
            // same loss after 50 SGD steps from the same start (the fast path must not change the numbers)
            Sgd sgd = new Sgd(0.02);
            float[] pl = p.clone();
            float[] pd = p.clone();
            for (int s = 0; s < 50; s++) {
                lean.setParameters(pl);
                lean.lossAndGradient(batch, gl);
                sgd.step(pl, gl);
                dl4j.setParameters(pd);
                dl4j.lossAndGradient(batch, gd);
                sgd.step(pd, gd);
            }
            lean.setParameters(pl);
            dl4j.setParameters(pd);
            assertEquals(dl4j.loss(batch), lean.loss(batch), 1e-4 * Math.max(1, lean.loss(batch)));
            assertArrayEquals(pd, pl, 1e-4f);
        }
    }
}
