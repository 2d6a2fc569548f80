package org.metalearn.bench;

import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.IntToDoubleFunction;
import org.metalearn.eval.FewShotEvaluator;
import org.metalearn.eval.FewShotProtocol;
import org.metalearn.learn.Adam;
import org.metalearn.learn.InnerSettings;
import org.metalearn.learn.LinearSchedule;
import org.metalearn.learn.OuterOptimizer;
import org.metalearn.learn.Reptile;
import org.metalearn.learn.TaskExecution;
import org.metalearn.learn.Trainer;
import org.metalearn.learn.TrainingPlan;
import org.metalearn.models.Learner;
import org.metalearn.models.LearnerFactory;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.util.RandomStreams;

/**
 * Timings of the real engine, shared by the Omniglot and Mini-ImageNet lines: whole meta-iterations of the
 * {@link Trainer} and whole few-shot evaluation tasks of the {@link FewShotEvaluator}, so that task sampling,
 * batching and the optimizer state handling are measured as a training or evaluation run does them.
 */
final class EngineTimings {
    private EngineTimings() {
    }

    /**
     * Reptile meta-iterations (Adam 1e-3 inner, {@code metaBatch} tasks x {@code inner} steps, interpolation);
     * each sample is the mean of {@code per} iterations, after {@code warmup} untimed ones.
     */
    static Timing metaIteration(String name, ClassificationTasks tasks, LearnerFactory model, InnerSettings inner,
                                int metaBatch, TaskExecution execution, int workers, int samples, int per, int warmup) {
        TrainingPlan plan = new TrainingPlan(tasks, model, new Reptile(), () -> new Adam(1e-3), inner, metaBatch,
                new LinearSchedule(1.0, 0.0), warmup + (long) samples * per, 0, OuterOptimizer::interpolation,
                execution, workers);
        Trainer trainer = new Trainer(plan);
        long[] stamps = new long[(int) plan.metaIterations() + 1];
        stamps[0] = System.nanoTime();
        trainer.train(trainer.initialState(), List.of(r -> stamps[(int) r.iteration()] = System.nanoTime()));
        double[] ms = new double[samples];
        for (int s = 0; s < samples; s++) {
            int from = warmup + s * per;
            ms[s] = (stamps[from + per] - stamps[from]) / 1e6 / per;
        }
        return Timing.of(name, ms);
    }

    /**
     * As {@link #metaIteration}, with {@code peer} (which returns one sample of the peer's, in ms) run before each of
     * our samples and not timed in it: returns {ours, peer's} samples, pair by pair.
     */
    static double[][] pairedMetaIterations(ClassificationTasks tasks, LearnerFactory model, InnerSettings inner,
                                           int metaBatch, TaskExecution execution, int workers, int samples, int per,
                                           int warmup, DoubleSupplier peer) {
        TrainingPlan plan = new TrainingPlan(tasks, model, new Reptile(), () -> new Adam(1e-3), inner, metaBatch,
                new LinearSchedule(1.0, 0.0), warmup + (long) samples * per, 0, OuterOptimizer::interpolation,
                execution, workers);
        Trainer trainer = new Trainer(plan);
        double[][] ms = new double[2][samples];
        long[] start = new long[1];
        trainer.train(trainer.initialState(), List.of(r -> {
            long done = r.iteration() - warmup;
            if (done > 0 && done % per == 0) {
                ms[0][(int) (done / per) - 1] = (System.nanoTime() - start[0]) / 1e6 / per;
            }
            if (done >= 0 && done % per == 0 && done / per < samples) {
                ms[1][(int) (done / per)] = peer.getAsDouble();
                start[0] = System.nanoTime();
            }
        }));
        return ms;
    }

    /**
     * As {@link #evaluation}, with {@code peer} (given the protocol's task count, returns the peer's mean per task
     * in ms) run before each of our samples and not timed in it: returns {ours, peer's} samples, pair by pair.
     */
    static double[][] pairedEvaluation(ClassificationTasks tasks, LearnerFactory model, FewShotProtocol protocol,
                                       int workers, int samples, IntToDoubleFunction peer) {
        Learner prototype = model.create(RandomStreams.of(0, RandomStreams.Role.INIT));
        float[] theta = prototype.parameters();
        int per = protocol.tasks();
        var rng = RandomStreams.of(0, RandomStreams.Role.EVALUATION);
        FewShotEvaluator.evaluate(prototype, theta, new Adam(1e-3), tasks, protocol, rng, null, workers);
        double[][] ms = new double[2][samples];
        for (int s = 0; s < samples; s++) {
            ms[1][s] = peer.applyAsDouble(per);
            long t0 = System.nanoTime();
            FewShotEvaluator.evaluate(prototype, theta, new Adam(1e-3), tasks, protocol, rng, null, workers);
            ms[0][s] = (System.nanoTime() - t0) / 1e6 / per;
        }
        return ms;
    }

    /**
     * Few-shot evaluation tasks of {@code protocol} (Adam 1e-3 fine-tuning) on {@code workers} threads, timed per
     * task: each sample evaluates the protocol's {@code tasks} tasks, after one untimed round of as many.
     */
    static Timing evaluation(String name, ClassificationTasks tasks, LearnerFactory model, FewShotProtocol protocol,
                             int workers, int samples) {
        return Timing.of(name, pairedEvaluation(tasks, model, protocol, workers, samples, count -> 0)[0]);
    }
}
