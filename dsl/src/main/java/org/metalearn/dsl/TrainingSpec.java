package org.metalearn.dsl;

import static org.metalearn.dsl.Settings.Key;

import org.metalearn.learn.LinearSchedule;
import org.metalearn.learn.TrainingPlan;
import org.metalearn.models.Activation;
import org.metalearn.models.LearnerFactory;
import org.metalearn.tasks.TaskDistribution;

/**
 * A meta-training specification: what is learned, and the verbs {@link #train()} and {@link #resume()}. Each
 * step checks its value ({@link Rules}: an {@link IllegalArgumentException} naming the field and the allowed
 * range) and returns a new spec. Unset values come from the task family's paper {@link Preset} when the spec is
 * resolved; {@link #toString()} shows what would run.
 *
 * @param <S> the concrete spec type (ReptileSpec, FomamlSpec, ...)
 */
public abstract class TrainingSpec<S extends TrainingSpec<S>> extends SpecBase<S> {

    TrainingSpec(Settings.Algorithm algorithm) {
        super(Settings.of(algorithm));
    }

    /** The task family to meta-learn on: {@code sine()} (default), {@code omniglot()}, or your own. */
    public S on(TaskDistribution tasks) {
        return with(Key.TASKS, Rules.ON.check(tasks));
    }

    /** Classes per task, N (classification; preset: 5, or 20 for Omniglot's 20-way column). */
    public S ways(int n) {
        return with(Key.WAYS, Rules.WAYS.check(n));
    }

    /** Support images per class at evaluation, K (classification; preset: 5). */
    public S shots(int k) {
        return with(Key.SHOTS, Rules.SHOTS.check(k));
    }

    /** Images per class in a meta-training task (classification; preset: 10 Omniglot, 15 Mini-ImageNet). */
    public S trainShots(int k) {
        return with(Key.TRAIN_SHOTS, Rules.TRAIN_SHOTS.check(k));
    }

    /** Optimizer steps per task, k (preset: 5 sine and Omniglot 5-way, 10 Omniglot 20-way, 8 Mini-ImageNet). */
    public S innerSteps(int k) {
        return with(Key.INNER_STEPS, Rules.INNER_STEPS.check(k));
    }

    /** Samples per inner mini-batch (preset: 10; 20 for Omniglot 20-way); at most the task's pool. */
    public S innerBatch(int size) {
        return with(Key.INNER_BATCH, Rules.INNER_BATCH.check(size));
    }

    /** Draw each inner batch independently (default false: cycle through reshuffles, as the paper). */
    public S replacement(boolean withReplacement) {
        return with(Key.REPLACEMENT, withReplacement);
    }

    /** Plain SGD in the inner loop, learning rate > 0 (preset for sine: 0.02). */
    public S innerSgd(double learningRate) {
        return with(Key.INNER_OPTIMIZER, OptimizerChoice.sgd(Rules.INNER_SGD.check(learningRate)));
    }

    /** Adam with beta1 = 0 in the inner loop, state carried across tasks (preset for Omniglot 5-way: 1e-3). */
    public S innerAdam(double learningRate) {
        return with(Key.INNER_OPTIMIZER, OptimizerChoice.adam(Rules.INNER_ADAM.check(learningRate)));
    }

    /** Tasks per meta-iteration, n (preset: 1 sine, 5 classification). */
    public S metaBatch(int n) {
        return with(Key.META_BATCH, Rules.META_BATCH.check(n));
    }

    /** Outer step size, linearly annealed from {@code start} to {@code end} (preset: 0.1 -> 0 sine, 1 -> 0). */
    public S metaStep(double start, double end) {
        Rules.META_STEP.check(start);
        return with(Key.META_STEP, new LinearSchedule(start, Rules.META_STEP_FINAL.check(end)));
    }

    /** Outer loop by Adam on -mean(contribution), learning rate = the annealed metaStep (MAML's default). */
    public S outerAdam() {
        return with(Key.OUTER, Settings.Outer.ADAM);
    }

    /** The paper's outer loop, theta += eps_i * mean(contribution) (the default except for MAML). */
    public S outerInterpolation() {
        return with(Key.OUTER, Settings.Outer.INTERPOLATION);
    }

    /** Number of meta-iterations, M (preset: 30,000 sine, 100,000 Omniglot 5-way, 200,000 20-way). */
    public S metaIterations(long m) {
        return with(Key.META_ITERATIONS, Rules.META_ITERATIONS.check(m));
    }

    /** Seed of every random choice (weights, tasks, batches, evaluation); default 0. */
    public S seed(long value) {
        return with(Key.SEED, Rules.SEED.check(value));
    }

    /** Another model than the preset's, e.g. {@code Dl4jNets.omniglot(5)} (the DL4J reference net). */
    public S model(LearnerFactory factory) {
        return with(Key.MODEL, Rules.MODEL.check(factory));
    }

    /** Hidden non-linearity of the sine MLP (tanh unless set). */
    public S activation(Activation value) {
        return with(Key.ACTIVATION, Rules.ACTIVATION.check(value));
    }

    /** The plain-Java plan these settings describe, defaults filled in and checked. */
    public TrainingPlan plan() {
        return resolve().plan();
    }

    /** The settings with every default filled in and checked: plan, evaluation protocol, identity. */
    public Resolved resolve() {
        return Resolver.resolve(settings());
    }

    /** Meta-trains from scratch (replacing an earlier checkpoint of this spec) and returns the finished run. */
    public Run train() {
        return new RunSession(resolve(), settings()).train();
    }

    /** Continues a killed or stopped run from its checkpoint; the result equals an uninterrupted run's. */
    public Run resume() {
        return new RunSession(resolve(), settings()).resume();
    }

    /**
     * Trains up to meta-iteration {@code iteration} (capped at the budget) and stops there, continuing this spec's
     * checkpoint when it has one: the run keeps its identity and its schedule over the full budget, and is
     * checkpointed at that iteration, so a later {@code trainUntil} or {@link #resume()} continues it exactly as if it
     * had never stopped. For looking at a long run along the way, e.g. evaluating it at 10k, 25k and 50k iterations.
     */
    public Run trainUntil(long iteration) {
        RunSession session = new RunSession(resolve(), settings()).stopAt(iteration);
        return session.hasCheckpoint() ? session.resume() : session.train();
    }

    /** What this spec would run (every default resolved), or what it has so far and why it cannot run yet. */
    @Override
    public String toString() {
        return Resolver.describe(settings());
    }
}
