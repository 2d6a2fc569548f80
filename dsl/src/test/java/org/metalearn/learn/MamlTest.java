package org.metalearn.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metalearn.models.Activation;
import org.metalearn.models.lean.DenseNet;
import org.metalearn.tasks.MiniBatches;
import org.metalearn.tasks.Task;
import org.metalearn.util.RandomStreams;

class MamlTest {
    private static final int DIM = 3;
    private static final int BATCH = 4;
    private static final double ALPHA = 0.1;

    /** Linear regression y = w.x + b, loss mean (y - t)^2: gradient (2/n) X~^T (X~ p - t), Hessian (2/n) X~^T X~. */
    private static double[] gradient(double[] p, float[] x, float[] t, int[] rows) {
        double[] g = new double[DIM + 1];
        for (int r : rows) {
            double y = p[DIM];
            for (int j = 0; j < DIM; j++) {
                y += p[j] * x[r * DIM + j];
            }
            double e = 2 * (y - t[r]) / rows.length;
            for (int j = 0; j < DIM; j++) {
                g[j] += e * x[r * DIM + j];
            }
            g[DIM] += e;
        }
        return g;
    }

    private static double[] hessianTimes(double[] v, float[] x, int[] rows) {
        double[] out = new double[DIM + 1];
        for (int r : rows) {
            double xv = v[DIM];
            for (int j = 0; j < DIM; j++) {
                xv += x[r * DIM + j] * v[j];
            }
            double c = 2 * xv / rows.length;
            for (int j = 0; j < DIM; j++) {
                out[j] += c * x[r * DIM + j];
            }
            out[DIM] += c;
        }
        return out;
    }

    @ParameterizedTest(name = "k = {0} adaptation steps")
    @ValueSource(ints = {1, 2, 3})
    void hvpMetaGradientMatchesTheAnalyticOneForALinearModel(int k) {
        int batches = k + 1; // k adaptation batches + the test batch
        var rng = RandomStreams.of(k, RandomStreams.Role.TASKS);
        int n = batches * BATCH;
        float[] x = new float[n * DIM];
        float[] t = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rng.nextDouble() * 4 - 2);
        }
        for (int i = 0; i < n; i++) {
            t[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        Task task = new Task(x, t, new int[n]);
        float[] theta = {0.3f, -0.2f, 0.5f, 0.1f};
        DenseNet net = new DenseNet(new int[] {DIM, 1}, Activation.TANH, theta);
        float[] delta = new float[theta.length];
        new Maml(Tail.shared()).contribution(net, new Sgd(ALPHA), theta, task, new InnerSettings(batches, BATCH, false),
                RandomStreams.of(7, RandomStreams.Role.BATCHES), delta);

        // analytic, in double: the same batches, SGD iterates, then g = (I - aH_1)...(I - aH_k) grad L_test(phi_k)
        int[][] idx = MiniBatches.draw(n, BATCH, batches, false, RandomStreams.of(7, RandomStreams.Role.BATCHES));
        double[] phi = new double[theta.length];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = theta[i];
        }
        for (int i = 0; i < k; i++) {
            double[] g = gradient(phi, x, t, idx[i]);
            for (int j = 0; j < phi.length; j++) {
                phi[j] -= ALPHA * g[j];
            }
        }
        double[] v = gradient(phi, x, t, idx[k]);
        for (int i = k - 1; i >= 0; i--) {
            double[] hv = hessianTimes(v, x, idx[i]);
            for (int j = 0; j < v.length; j++) {
                v[j] -= ALPHA * hv[j];
            }
        }
        double err = 0;
        double norm = 0;
        for (int j = 0; j < v.length; j++) {
            double ours = -delta[j] / ALPHA;
            err += (ours - v[j]) * (ours - v[j]);
            norm += v[j] * v[j];
        }
        double relative = Math.sqrt(err / norm);
        assertTrue(relative < 1e-3, "relative error " + relative);
    }

    @Test
    void hessianVectorProductOfAQuadraticIsExactUpToRounding() {
        float[] x = {1, 2, 0.5f, -1, 0, 3, 2, 2, -2};
        float[] t = {1, 0, -1};
        float[] p = {0.2f, -0.4f, 0.1f, 0.3f};
        DenseNet net = new DenseNet(new int[] {DIM, 1}, Activation.TANH, p);
        float[] v = {1f, -2f, 0.5f, 3f};
        float[] hv = new float[4];
        HessianVectorProduct.compute(net, p, new Task(x, t, new int[3]).all(), v, hv);
        double[] expected = hessianTimes(new double[] {1, -2, 0.5, 3}, x, new int[] {0, 1, 2});
        for (int j = 0; j < 4; j++) {
            assertEquals(expected[j], hv[j], 1e-4 * Math.abs(expected[j]) + 1e-4, "component " + j);
        }
        assertArrayEquals(p, net.parameters(), "parameters restored");
    }

    @Test
    void withOnlyTheTestBatchMamlAndFirstOrderMamlAreBothMinusAlphaTimesTheGradient() {
        // innerSteps(1): no adaptation step, so the Jacobian is I and both contribute -alpha grad L(theta)
        float[] theta = {0.3f, -0.2f, 0.5f, 0.1f};
        float[] x = new float[4 * DIM];
        float[] t = {1, -1, 0.5f, 0};
        var rng = RandomStreams.of(3, RandomStreams.Role.TASKS);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        Task task = new Task(x, t, new int[4]);
        DenseNet net = new DenseNet(new int[] {DIM, 1}, Activation.TANH, theta);
        float[] maml = new float[4];
        float[] fomaml = new float[4];
        new Maml(Tail.shared()).contribution(net, new Sgd(ALPHA), theta, task, new InnerSettings(1, 4, false),
                RandomStreams.of(1, RandomStreams.Role.BATCHES), maml);
        new FirstOrderMaml(Tail.shared()).contribution(net, new Sgd(ALPHA), theta, task, new InnerSettings(1, 4, false),
                RandomStreams.of(1, RandomStreams.Role.BATCHES), fomaml);
        double[] g = gradient(new double[] {0.3, -0.2, 0.5, 0.1}, x, t, new int[] {0, 1, 2, 3});
        for (int j = 0; j < 4; j++) {
            assertEquals(-ALPHA * g[j], maml[j], 1e-6);
            assertEquals(-ALPHA * g[j], fomaml[j], 1e-6);
        }
    }

    @Test
    void secondOrderMamlRefusesAdamInnerSteps() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Maml(Tail.shared()).validate(new Adam(1e-3)));
        assertTrue(e.getMessage().startsWith("innerSgd: second-order MAML"), e.getMessage());
    }
}
