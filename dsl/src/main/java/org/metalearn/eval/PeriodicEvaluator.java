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
 * Evaluates the live meta-parameters every {@code every} meta-iterations and after the last one, and hands each
 * {@link EvaluationPoint} to a sink (the learning curve). It only reads the state (weights and optimizer are
 * copied by the evaluators) and draws from its own stream, {@link RandomStreams.Role#PERIODIC_EVALUATION}, so
 * switching it on leaves training bit-identical.
 *
 * <p>Every evaluation re-creates that stream from the seed and so uses the same test tasks: points of one curve
 * then differ by the model only, not by which tasks were drawn, and there is no random state to checkpoint.
 */
public final class PeriodicEvaluator implements TrainingListener {
    private final long every;
    private final int tasks;
    private final int workers;
    private final TrainingPlan plan;
    private final FewShotProtocol protocol;
    private final MetaState state;
    private final Consumer<EvaluationPoint> sink;
    private final Learner prototype;

    /**
     * @param every    meta-iterations between evaluations; 0 evaluates only after the last one
     * @param protocol the classification protocol (its task count is replaced by {@code tasks}); null for
     *                 regression, which uses the run's inner loop (see {@link RegressionEvaluator})
     */
    public PeriodicEvaluator(long every, int tasks, int workers, TrainingPlan plan, FewShotProtocol protocol,
                             MetaState state, Consumer<EvaluationPoint> sink) {
        if (every < 0) {
            throw new IllegalArgumentException("every must be >= 0, got " + every);
        }
        if (plan.tasks() instanceof ClassificationTasks && protocol == null) {
            throw new IllegalArgumentException("protocol: classification runs need their evaluation protocol");
        }
        this.every = every;
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
        boolean due = (every > 0 && r.iteration() % every == 0) || r.iteration() == r.total();
        if (due) {
            sink.accept(evaluate(r.iteration()));
        }
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
