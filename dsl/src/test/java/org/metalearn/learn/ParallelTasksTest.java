package org.metalearn.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.learn.AlgorithmFixtures.add;
import static org.metalearn.learn.AlgorithmFixtures.tinyNet;

import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.metalearn.models.lean.DenseNet;
import org.metalearn.tasks.SineTasks;
import org.metalearn.tasks.Task;
import org.metalearn.util.RandomStreams;
import org.metalearn.models.dl4j.Dl4jNets;
import org.metalearn.models.CoreLending;

/** The meta-batch's tasks run at once: the same update as one after another, whatever the number of workers. */
class ParallelTasksTest {
    private static final double ALPHA = 0.02;

    @Test
    void adamMergeEqualsRunningTheTasksOneAfterAnother() {
        // v depends only on the gradients, so feeding each task's gradients from the same start and merging must
        // give what feeding all of them in task order gives
        int dim = 4;
        var rng = RandomStreams.of(3, RandomStreams.Role.TASKS);
        float[][][] grads = new float[3][][];
        int[] steps = {2, 5, 1};
        for (int t = 0; t < 3; t++) {
            grads[t] = new float[steps[t]][dim];
            for (float[] g : grads[t]) {
                for (int i = 0; i < dim; i++) {
                    g[i] = (float) (rng.nextDouble() * 2 - 1);
                }
            }
        }
        for (double beta1 : new double[] {0.0, 0.9}) {
            Adam warm = new Adam(1e-3, beta1, 0.999, 1e-8);
            warm.step(new float[dim], new float[] {0.5f, -1f, 2f, 0.1f});
            OptimizerState start = warm.state();
            Adam sequential = warm.copy();
            List<OptimizerState> ends = new java.util.ArrayList<>();
            for (float[][] task : grads) {
                Adam own = warm.copy();
                for (float[] g : task) {
                    own.step(new float[dim], g);
                    sequential.step(new float[dim], g);
                }
                ends.add(own.state());
            }
            Adam merged = warm.copy();
            merged.merge(start, ends);
            assertEquals(sequential.state().steps(), merged.state().steps(), "step counter");
            for (int slot = beta1 == 0 ? 1 : 0; slot < 2; slot++) {
                float[] want = sequential.state().slots()[slot];
                float[] got = merged.state().slots()[slot];
                for (int i = 0; i < dim; i++) {
                    assertEquals(want[i], got[i], 1e-6 * Math.abs(want[i]) + 1e-9, "beta1 " + beta1 + " slot " + slot);
                }
            }
            if (beta1 == 0) {
                assertEquals(null, merged.state().slots()[0], "no first-moment slot with beta1 = 0");
            }
        }
    }

    @Test
    void sgdMetaBatchEqualsTheSequentialComputationOnTheSameBatches() {
        long seed = 5;
        SineTasks sine = new SineTasks(20);
        InnerSettings inner = new InnerSettings(3, 5, false);
        Task[] tasks = new Task[4];
        long[] seeds = new long[tasks.length];
        var taskRng = RandomStreams.of(seed, RandomStreams.Role.TASKS);
        for (int t = 0; t < tasks.length; t++) {
            tasks[t] = sine.sample(taskRng);
            seeds[t] = 1000 + t;
        }
        DenseNet net = tinyNet(seed);
        float[] theta = net.parameters();
        float[] expected = new float[theta.length];
        for (int t = 0; t < tasks.length; t++) {
            float[] d = new float[theta.length];
            new Reptile().contribution(tinyNet(seed), new Sgd(ALPHA), theta, tasks[t], inner,
                    RandomSource.XO_RO_SHI_RO_128_PP.create(seeds[t]), d);
            for (int p = 0; p < d.length; p++) {
                expected[p] += d[p];
            }
        }
        for (int p = 0; p < expected.length; p++) {
            expected[p] *= 1f / tasks.length;
        }
        for (int workers : new int[] {1, 2, 3}) {
            float[] mean = new float[theta.length];
            try (var batch = new ParallelMetaBatch(tinyNet(seed), workers, tasks.length)) {
                TaskLosses[] losses = batch.run(new Reptile(), new Sgd(ALPHA), theta, tasks, seeds, inner, mean);
                assertEquals(tasks.length, losses.length);
            }
            for (int p = 0; p < mean.length; p++) {
                mean[p] *= 1f / tasks.length; // run() adds the contributions; the trainer averages them
            }
            assertArrayEquals(expected, mean, workers + " workers");
        }
    }

    @Test
    void aLastRoundWithFewerTasksThanWorkersLendsItTheIdleCores() {
        int[] twoWorkers = new int[5];
        int[] fourWorkers = new int[5];
        int[] threeWorkers = new int[5];
        for (int t = 0; t < 5; t++) {
            twoWorkers[t] = CoreLending.coresFor(t, 5, 2);
            fourWorkers[t] = CoreLending.coresFor(t, 5, 4);
            threeWorkers[t] = CoreLending.coresFor(t, 5, 3);
        }
        assertArrayEquals(new int[] {1, 1, 1, 1, 2}, twoWorkers);
        assertArrayEquals(new int[] {1, 1, 1, 1, 4}, fourWorkers);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, threeWorkers, "two tasks, three cores: one each");
        assertEquals(1, CoreLending.coresFor(3, 4, 2));
        assertEquals(2, CoreLending.coresFor(0, 1, 2));
        assertEquals(1, CoreLending.coresFor(0, 1, 1));
    }

    @Test
    void adamTrainingDoesNotDependOnTheNumberOfWorkers() {
        float[] one = train(TaskExecution.PARALLEL, 1, 6);
        assertArrayEquals(one, train(TaskExecution.PARALLEL, 2, 6));
        assertArrayEquals(one, train(TaskExecution.PARALLEL, 4, 6));
        assertFalse(java.util.Arrays.equals(one, train(TaskExecution.SEQUENTIAL, 1, 6)),
                "parallel tasks draw their batches from streams of their own");
    }

    @Test
    void tasksInSequenceGivenSeveralCoresTrainAsOnOne() {
        // with more than one worker the tasks in sequence run on a thread of their own (Workers.ownThread)
        assertArrayEquals(train(TaskExecution.SEQUENTIAL, 1, 6), train(TaskExecution.SEQUENTIAL, 2, 6));
    }

    @Test
    void parallelAndSequentialTasksLearnEquallyWell() {
        // "identical in distribution": after the same training, both reach about the same post-adaptation loss
        double parallel = adaptedLoss(train(TaskExecution.PARALLEL, 2, 400));
        double sequential = adaptedLoss(train(TaskExecution.SEQUENTIAL, 1, 400));
        double untrained = adaptedLoss(mlp().parameters());
        assertTrue(parallel < 0.8 * untrained && sequential < 0.8 * untrained,
                "both learn: " + parallel + ", " + sequential + " vs untrained " + untrained);
        assertEquals(sequential, parallel, 0.25 * sequential, "parallel " + parallel + " vs sequential " + sequential);
    }

    @Test
    void dl4jNetsAdaptInParallelTooWithTheSameResult() {
        // the DL4J backend on worker threads: each worker owns its net, so 1 and 2 workers agree
        var images = new org.metalearn.tasks.SyntheticClasses(10, 12, 784, 0.3, 4);
        var tasks = new org.metalearn.tasks.ClassificationTasks("synthetic", images, 5, 2);
        float[][] results = new float[2][];
        for (int w = 1; w <= 2; w++) {
            TrainingPlan plan = new TrainingPlan(tasks, Dl4jNets.omniglot(5), new Reptile(),
                    () -> new Adam(1e-3), new InnerSettings(2, 5, false), 3, new LinearSchedule(1, 0), 2, 1,
                    OuterOptimizer::interpolation, TaskExecution.PARALLEL, w);
            Trainer trainer = new Trainer(plan);
            MetaState state = trainer.initialState();
            trainer.train(state, List.of());
            results[w - 1] = state.theta();
        }
        assertArrayEquals(results[0], results[1], 1e-6f);
    }

    @Test
    void anErrorInATaskReachesTheCaller() {
        MetaAlgorithm failing = new MetaAlgorithm() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public TaskLosses contribution(org.metalearn.models.Learner learner, InnerOptimizer optimizer,
                                           float[] theta, Task task, InnerSettings inner,
                                           org.apache.commons.rng.UniformRandomProvider batchRng, float[] delta) {
                throw new IllegalStateException("task failed on purpose");
            }
        };
        Task[] tasks = {AlgorithmFixtures.sineTask(1), AlgorithmFixtures.sineTask(2)};
        try (var batch = new ParallelMetaBatch(tinyNet(1), 2, 2)) {
            var e = assertThrows(IllegalStateException.class, () -> batch.run(failing, new Sgd(ALPHA),
                    tinyNet(1).parameters(), tasks, new long[] {1, 2}, new InnerSettings(1, 5, false),
                    new float[tinyNet(1).parameterCount()]));
            assertEquals("task failed on purpose", e.getMessage());
        }
    }

    @Test
    void aTaskFailingWhileAnotherWorkerWaitsForTheMergeReachesTheCaller() {
        // a net large enough that the workers share the merge (SharedMerge): the worker done with its tasks waits
        // for the failing one's, and must be released rather than wait for ever
        MetaAlgorithm failingFirst = new MetaAlgorithm() {
            @Override
            public String name() {
                return "failing first";
            }

            @Override
            public TaskLosses contribution(org.metalearn.models.Learner learner, InnerOptimizer optimizer,
                                           float[] theta, Task task, InnerSettings inner,
                                           org.apache.commons.rng.UniformRandomProvider batchRng, float[] delta) {
                if (task == failing) {
                    try {
                        Thread.sleep(200); // the other worker is waiting by then
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("the first task failed on purpose");
                }
                return new Reptile().contribution(learner, optimizer, theta, task, inner, batchRng, delta);
            }
        };
        int[] sizes = {1, 160, 128, 1};
        DenseNet wide = new DenseNet(sizes, org.metalearn.models.Activation.TANH,
                org.metalearn.models.Initializers.torchLinearDefault(sizes, RandomStreams.of(2, RandomStreams.Role.INIT)));
        Task[] tasks = {failing, AlgorithmFixtures.sineTask(2)};
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
            try (var batch = new ParallelMetaBatch(wide, 2, 2)) {
                var e = assertThrows(IllegalStateException.class, () -> batch.run(failingFirst, new Adam(1e-3),
                        wide.parameters(), tasks, new long[] {1, 2}, new InnerSettings(1, 5, false),
                        new float[wide.parameterCount()]));
                assertEquals("the first task failed on purpose", e.getMessage());
            }
        });
    }

    private final Task failing = AlgorithmFixtures.sineTask(1);

    private static DenseNet mlp() {
        int[] sizes = {1, 32, 32, 1};
        return new DenseNet(sizes, org.metalearn.models.Activation.TANH,
                org.metalearn.models.Initializers.torchLinearDefault(sizes, RandomStreams.of(9, RandomStreams.Role.INIT)));
    }

    @Test
    void badPlansAndStatesAreRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TrainingPlan(new SineTasks(20), rng -> mlp(),
                new Reptile(), () -> new Sgd(ALPHA), new InnerSettings(1, 5, false), 2, new LinearSchedule(1, 0), 1, 0,
                OuterOptimizer::interpolation, TaskExecution.PARALLEL, 0));
        assertEquals("workers must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TrainingPlan(new SineTasks(20), rng -> mlp(),
                new Reptile(), () -> new Sgd(ALPHA), new InnerSettings(1, 5, false), 2, new LinearSchedule(1, 0), 1, 0,
                OuterOptimizer::interpolation, null, 1));
        assertEquals("execution must be SEQUENTIAL or PARALLEL, got null", e.getMessage());
        Adam adam = new Adam(1e-3);
        adam.step(new float[1], new float[] {1f});
        OptimizerState later = adam.state();
        e = assertThrows(IllegalArgumentException.class,
                () -> adam.merge(later, List.of(new Adam(1e-3).state())));
        assertEquals("task 0 ended before it started: -1 steps", e.getMessage());
    }

    /** Reptile with Adam, meta-batch 5, on sine tasks; returns the final parameters. */
    private static float[] train(TaskExecution execution, int workers, int iterations) {
        TrainingPlan plan = new TrainingPlan(new SineTasks(20), rng -> mlp(), new Reptile(), () -> new Adam(0.01),
                new InnerSettings(4, 5, false), 5, new LinearSchedule(0.5, 0.0), iterations, 9,
                OuterOptimizer::interpolation, execution, workers);
        Trainer trainer = new Trainer(plan);
        MetaState state = trainer.initialState();
        trainer.train(state, List.of());
        return state.theta();
    }

    /** Mean MSE on 50 held-out sine tasks after 4 SGD steps from {@code theta}. */
    private static double adaptedLoss(float[] theta) {
        var rng = RandomStreams.of(77, RandomStreams.Role.EVALUATION);
        SineTasks sine = new SineTasks(20);
        DenseNet net = mlp();
        double total = 0;
        for (int t = 0; t < 50; t++) {
            Task task = sine.sample(rng);
            float[] phi = theta.clone();
            float[] g = new float[phi.length];
            for (int s = 0; s < 4; s++) {
                net.setParameters(phi);
                net.lossAndGradient(task.all(), g);
                phi = add(phi, g, (float) -ALPHA);
            }
            net.setParameters(phi);
            total += net.loss(task.all());
        }
        return total / 50;
    }
}
