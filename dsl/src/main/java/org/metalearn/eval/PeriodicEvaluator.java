package org.metalearn.eval;

import java.util.function.Consumer;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.MetaState;
import org.metalearn.learn.TrainingListener;
import org.metalearn.learn.TrainingPlan;
import org.metalearn.models.Learner;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.util.RandomStreams;

/**
 * Evaluates the live meta-parameters every {@code every} meta-iterations (or at {@code every * factor^k}) and after
 * the last one, and hands each
 * {@link EvaluationPoint} to a sink (the learning curve). It only reads the state (weights and optimizer are
 * copied by the evaluators) and draws from its own stream, {@link RandomStreams.Role#PERIODIC_EVALUATION}, so
 * switching it on leaves training bit-identical.
 *
 * <p>Every evaluation re-creates that stream from the seed and so uses the same test tasks: points of one curve
 * then differ by the model only, not by which tasks were drawn, and there is no random state to checkpoint.
 */
public final class PeriodicEvaluator implements TrainingListener {
    private final long every;
    private final int factor;
    private final int tasks;
    private final int workers;
    private final TrainingPlan plan;
    private final FewShotProtocol protocol;
    private final MetaState state;
    private final Consumer<EvaluationPoint> sink;
    private final Learner prototype;

    /**
     * @param every    meta-iterations between evaluations; 0 evaluates only after the last one
     * @param factor   1 for every multiple of {@code every}; 2 or more for {@code every * factor^k} only
     * @param protocol the classification protocol (its task count is replaced by {@code tasks}); null for
     *                 regression, which uses the run's inner loop (see {@link RegressionEvaluator})
     */
    public PeriodicEvaluator(long every, int factor, int tasks, int workers, TrainingPlan plan, FewShotProtocol protocol,
                             MetaState state, Consumer<EvaluationPoint> sink) {
        if (every < 0) {
            throw new IllegalArgumentException("every must be >= 0, got " + every);
        }
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be >= 1, got " + factor);
        }
        if (plan.tasks() instanceof ClassificationTasks && protocol == null) {
            throw new IllegalArgumentException("protocol: classification runs need their evaluation protocol");
        }
        this.every = every;
        this.factor = factor;
        this.tasks = tasks;
        this.workers = workers;
        this.plan = plan;
        this.protocol = protocol == null ? null : new FewShotProtocol(protocol.shots(), protocol.iterations(),
                protocol.batch(), protocol.transductive(), tasks);
        this.state = state;
        this.sink = sink;
        this.prototype = plan.model().create(RandomStreams.of(plan.seed(), RandomStreams.Role.INIT));
    }

    @Override
    public void iteration(IterationReport r) {
        if (due(r.iteration(), r.total(), every, factor)) {
            sink.accept(evaluate(r.iteration()));
        }
    }

    /**
     * Whether meta-iteration {@code iteration} (from 1) of {@code total} is evaluated: the last one always; with
     * {@code every} > 0 the multiples of {@code every} when {@code factor} is 1, else those {@code every * factor^k}
     * with {@link #roomBeforeEnd room} before the end (a halving search's rungs).
     */
    public static boolean due(long iteration, long total, long every, int factor) {
        if (iteration == total) {
            return true;
        }
        if (every <= 0 || iteration % every != 0) {
            return false;
        }
        if (factor == 1) {
            return true;
        }
        if (!roomBeforeEnd(iteration, total, factor)) {
            return false;
        }
        long q = iteration / every;
        while (q % factor == 0) {
            q /= factor;
        }
        return q == 1;
    }

    /**
     * Whether a geometric point {@code iteration} is at least a factor sqrt({@code factor}) before {@code total}: one
     * closer (2,997 of 3,000 with factor 3) adds nothing to the evaluation at the end; in integers,
     * iteration^2 * factor <= total^2.
     */
    public static boolean roomBeforeEnd(long iteration, long total, int factor) {
        return Math.multiplyExact(Math.multiplyExact(iteration, iteration), (long) factor)
                <= Math.multiplyExact(total, total);
    }

    /** Evaluates the current meta-parameters; the result is labelled with {@code iteration}. */
    public EvaluationPoint evaluate(long iteration) {
        var rng = RandomStreams.of(plan.seed(), RandomStreams.Role.PERIODIC_EVALUATION);
        if (plan.tasks() instanceof ClassificationTasks c) {
            FewShotResult result = FewShotEvaluator.evaluate(prototype, state.theta(), state.optimizer(),
                    c.onTestClasses(), protocol, rng, null, workers);
            return new EvaluationPoint(iteration, Double.NaN, result.accuracy(), result.ci95());
        }
        return RegressionEvaluator.evaluate(iteration, prototype, state.theta(), state.optimizer(), plan.tasks(),
                plan.inner(), tasks, rng, workers);
    }
}
