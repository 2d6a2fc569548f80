package org.metalearn.dsl;

import org.knowm.xchart.XYChart;
import org.metalearn.eval.AdaptationTrace;
import org.metalearn.eval.Evaluator;
import org.metalearn.learn.MetaState;
import org.metalearn.learn.OptimizerState;
import org.metalearn.learn.TrainingPlan;
import org.metalearn.models.Learner;
import org.metalearn.report.Charts;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.util.RandomStreams;
import tech.tablesaw.api.Table;

/** A finished meta-training run: the meta-learned weights, the optimizer state and the learning curve. */
public final class Run {
    private final Resolved resolved;
    private final TrainingPlan plan;
    private final MetaState state;
    private final Table curve;

    Run(Resolved resolved, MetaState state, Table curve) {
        this.resolved = resolved;
        this.plan = resolved.plan();
        this.state = state;
        this.curve = curve;
    }

    public TrainingPlan plan() {
        return plan;
    }

    /** Every setting of the run, defaults included. */
    public Resolved settings() {
        return resolved;
    }

    /** Learning curve: iteration, loss, adaptedLoss, metaStep, seconds (a copy). */
    public Table curve() {
        return curve.copy();
    }

    /** The learning curve as a chart. */
    public XYChart plot() {
        return Charts.learningCurve(curve, plan.algorithm().name() + " on " + plan.tasks().name());
    }

    /** A copy of the meta-learned parameters. */
    public float[] parameters() {
        return state.theta().clone();
    }

    public OptimizerState optimizerState() {
        return state.optimizer().state();
    }

    /** Wall time of the training, in seconds. */
    public double seconds() {
        return curve.rowCount() == 0 ? 0 : curve.doubleColumn("seconds").getDouble(curve.rowCount() - 1);
    }

    /** A fresh learner holding the meta-learned parameters. */
    public Learner learner() {
        Learner l = plan.model().create(RandomStreams.of(plan.seed(), RandomStreams.Role.INIT));
        l.setParameters(state.theta());
        return l;
    }

    /**
     * Few-shot evaluation of a classification run with the preset's protocol (docs/paper.md#evaluation): the run's
     * shots, 50 fine-tuning steps, 10,000 tasks, ...; configure it and call {@code result()} or {@code table()}.
     * Evaluation never changes the run.
     */
    public EvaluationSpec evaluate() {
        if (!(plan.tasks() instanceof ClassificationTasks tasks)) {
            throw new IllegalArgumentException("evaluate: " + plan.tasks().name()
                    + " is not a classification task; use adapt(...) for regression");
        }
        return new EvaluationSpec(this, tasks, resolved.evaluation());
    }

    MetaState state() {
        return state;
    }

    /**
     * Fine-tunes a copy of the meta-learned weights on {@code train} (full batch, the run's inner optimizer
     * with a copy of its state) and records predictions on the query points after each count of {@code steps}.
     * The run itself is not changed.
     */
    public AdaptationTrace adapt(Batch train, float[] queryInputs, float[] queryTargets, int... steps) {
        return Evaluator.adaptRegression(learner(), state.theta(), state.optimizer(), train, steps, queryInputs,
                queryTargets);
    }

    @Override
    public String toString() {
        return String.format("Run[%s on %s, %d iterations, %.1f s, final loss %.4f]", plan.algorithm().name(),
                plan.tasks().name(), state.iteration(), seconds(),
                curve.rowCount() == 0 ? Double.NaN : curve.doubleColumn("loss").getDouble(curve.rowCount() - 1));
    }
}
