package org.metalearn.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.metalearn.learn.AlgorithmFixtures.add;
import static org.metalearn.learn.AlgorithmFixtures.sineTask;
import static org.metalearn.learn.AlgorithmFixtures.tinyNet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metalearn.models.lean.DenseNet;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.MiniBatches;
import org.metalearn.tasks.SineTasks;
import org.metalearn.tasks.Task;
import org.metalearn.util.RandomStreams;

class MetaAlgorithmTest {
    private static final double ALPHA = 0.05;

    /** The batches an algorithm will draw from {@code seed}'s batch stream, drawn independently here. */
    private static List<Batch> batches(Task task, int size, int count, long seed) {
        int[][] idx = MiniBatches.draw(task.size(), size, count, false, RandomStreams.of(seed, RandomStreams.Role.BATCHES));
        List<Batch> out = new ArrayList<>();
        for (int[] b : idx) {
            out.add(task.batch(b));
        }
        return out;
    }

    private static float[] gradient(DenseNet net, float[] at, Batch b) {
        DenseNet n = net.copy();
        n.setParameters(at);
        float[] g = new float[at.length];
        n.lossAndGradient(b, g);
        return g;
    }

    @Test
    void reptileWithOneSgdStepEqualsOneJointTrainingGradientStep() {
        DenseNet net = tinyNet(1);
        float[] theta = net.parameters();
        Task task = sineTask(2);
        double eps = 0.7;
        float[] reptile = new float[theta.length];
        new Reptile().contribution(net, new Sgd(ALPHA), theta, task, new InnerSettings(1, 5, false),
                RandomStreams.of(3, RandomStreams.Role.BATCHES), reptile);
        float[] joint = new float[theta.length];
        new JointTraining().contribution(net, new Sgd(ALPHA), theta, task, new InnerSettings(1, 5, false),
                RandomStreams.of(3, RandomStreams.Role.BATCHES), joint);
        // by hand: one gradient step of the expected loss with step eps*alpha
        float[] g = gradient(net, theta, batches(task, 5, 1, 3).get(0));
        float[] expected = add(theta, g, (float) (-eps * ALPHA));
        assertArrayEquals(expected, add(theta, reptile, (float) eps), 1e-6f);
        assertArrayEquals(expected, add(theta, joint, (float) eps), 1e-6f);
    }

    @Test
    void reptileDeltaIsTheSumOfTheInnerSgdSteps() {
        DenseNet net = tinyNet(4);
        float[] theta = net.parameters();
        Task task = sineTask(5);
        float[] delta = new float[theta.length];
        new Reptile().contribution(net, new Sgd(ALPHA), theta, task, new InnerSettings(3, 5, false),
                RandomStreams.of(6, RandomStreams.Role.BATCHES), delta);
        // (W - theta) = -alpha (g1 + g2 + g3), g_i at the current iterate (docs/paper.md#reptile)
        float[] phi = theta.clone();
        float[] expected = new float[theta.length];
        for (Batch b : batches(task, 5, 3, 6)) {
            float[] g = gradient(net, phi, b);
            phi = add(phi, g, (float) -ALPHA);
            expected = add(expected, g, (float) -ALPHA);
        }
        assertArrayEquals(expected, delta, 1e-6f);
    }

    @Test
    void firstOrderMamlUsesOnlyTheLastInnerStep() {
        DenseNet net = tinyNet(7);
        float[] theta = net.parameters();
        Task task = sineTask(8);
        float[] delta = new float[theta.length];
        new FirstOrderMaml(Tail.shared()).contribution(net, new Sgd(ALPHA), theta, task,
                new InnerSettings(3, 5, false), RandomStreams.of(9, RandomStreams.Role.BATCHES), delta);
        List<Batch> bs = batches(task, 5, 3, 9);
        float[] phi = theta.clone();
        for (int i = 0; i < 2; i++) {
            phi = add(phi, gradient(net, phi, bs.get(i)), (float) -ALPHA);
        }
        float[] g3 = gradient(net, phi, bs.get(2));
        float[] expected = add(new float[theta.length], g3, (float) -ALPHA);
        assertArrayEquals(expected, delta, 1e-6f);
        // and it is not Reptile's sum of all steps
        float[] reptile = new float[theta.length];
        new Reptile().contribution(net, new Sgd(ALPHA), theta, task, new InnerSettings(3, 5, false),
                RandomStreams.of(9, RandomStreams.Role.BATCHES), reptile);
        assertFalse(Arrays.equals(reptile, delta));
    }

    @Test
    void separateTailTakesTheLastStepOnHeldOutDataOnly() {
        DenseNet net = tinyNet(10);
        float[] theta = net.parameters();
        Task task = sineTask(11); // 20 samples, one group
        float[] delta = new float[theta.length];
        new FirstOrderMaml(Tail.separate(5)).contribution(net, new Sgd(ALPHA), theta, task,
                new InnerSettings(2, 5, false), RandomStreams.of(12, RandomStreams.Role.BATCHES), delta);
        // replay: split with the same stream, one batch of 5 from the 15-sample head, then the whole 5-sample tail
        var rng = RandomStreams.of(12, RandomStreams.Role.BATCHES);
        Task.Split split = task.holdOutTail(5, rng);
        assertEquals(15, split.head().size());
        assertEquals(5, split.tail().size());
        int[][] head = MiniBatches.draw(15, 5, 1, false, rng);
        float[] phi = add(theta, gradient(net, theta, split.head().batch(head[0])), (float) -ALPHA);
        float[] expected = add(new float[theta.length], gradient(net, phi, split.tail().all()), (float) -ALPHA);
        assertArrayEquals(expected, delta, 1e-6f);
    }

    @Test
    void batchedReptileAveragesTheTaskDeltas() {
        long seed = 21;
        int n = 3;
        double eps = 0.5;
        SineTasks sine = new SineTasks(20);
        TrainingPlan plan = new TrainingPlan(sine, rng -> tinyNet(seed), new Reptile(), () -> new Sgd(ALPHA),
                new InnerSettings(2, 5, false), n, new LinearSchedule(eps, eps), 1, seed);
        Trainer trainer = new Trainer(plan);
        MetaState state = trainer.initialState();
        float[] theta0 = state.theta().clone();
        trainer.train(state, List.of());
        // by hand: the same tasks and batches from the same streams, one delta per task, averaged
        var taskRng = RandomStreams.of(seed, RandomStreams.Role.TASKS);
        var batchRng = RandomStreams.of(seed, RandomStreams.Role.BATCHES);
        float[] mean = new float[theta0.length];
        DenseNet net = tinyNet(seed);
        for (int t = 0; t < n; t++) {
            float[] d = new float[theta0.length];
            new Reptile().contribution(net, new Sgd(ALPHA), theta0, sine.sample(taskRng), plan.inner(), batchRng, d);
            mean = add(mean, d, 1f / n);
        }
        assertArrayEquals(add(theta0, mean, (float) eps), state.theta(), 1e-6f);
        assertEquals(1, state.iteration());
        assertFalse(Arrays.equals(theta0, state.theta()));
    }
}
