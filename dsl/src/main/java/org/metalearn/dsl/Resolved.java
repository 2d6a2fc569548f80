package org.metalearn.dsl;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.metalearn.eval.FewShotProtocol;
import org.metalearn.learn.TrainingPlan;
import org.metalearn.tasks.ClassificationTasks;

/**
 * A spec with every default filled in and every check passed: the plain-Java {@link TrainingPlan}, the evaluation
 * protocol (classification) and the curve window. {@link #identity} is what a checkpoint must match to be resumed.
 *
 * @param evaluation the evaluation protocol of classification runs, null for regression
 * @param duringTraining evaluation during training, null when off
 */
public record Resolved(TrainingPlan plan, Preset preset, OptimizerChoice optimizer, Settings.Outer outer,
                       FewShotProtocol evaluation, int curveWindow, EvaluationSchedule duringTraining) {

    /** Every setting that changes the numbers of the run, by DSL name (the plan's, plus shots and the curve window). */
    public Map<String, String> identity() {
        Map<String, String> id = new LinkedHashMap<>(plan.identity());
        if (evaluation != null) {
            id.put("shots", String.valueOf(evaluation.shots()));
        }
        id.put("curveWindow", String.valueOf(curveWindow));
        if (duringTraining != null) { // it adds columns to the curve, so a checkpoint must agree on it
            id.put("evaluateEvery", duringTraining.every() == 0 ? "end" : String.valueOf(duringTraining.every()));
            id.put("evaluateTasks", String.valueOf(duringTraining.tasks()));
            if (duringTraining.factor() > 1) { // only then: the keys of runs evaluated every k stay as they were
                id.put("evaluateFactor", String.valueOf(duringTraining.factor()));
            }
            if (evaluation != null) {
                id.put("evalIterations", String.valueOf(evaluation.iterations()));
                id.put("evalBatch", String.valueOf(evaluation.batch()));
            }
        }
        return id;
    }

    /** e.g. {@code reptile on omniglot (preset Omniglot 5-way, Table 3): ways 5, shots 5, trainShots 10, ...}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", plan.algorithm().describe() + " on " + plan.tasks().name()
                + " (preset " + preset.name() + ", " + preset.source() + "): ", "");
        if (plan.tasks() instanceof ClassificationTasks c) {
            j.add("ways " + c.ways()).add("shots " + evaluation.shots()).add("trainShots " + c.shots());
        }
        j.add("innerSteps " + plan.inner().steps()).add("innerBatch " + plan.inner().batchSize());
        if (plan.inner().replacement()) {
            j.add("with replacement");
        }
        j.add("inner " + optimizer).add("metaBatch " + plan.metaBatch())
                .add((outer == Settings.Outer.ADAM ? "outer Adam " : "metaStep ") + plan.metaStep().start() + " -> "
                        + plan.metaStep().end())
                .add("metaIterations " + plan.metaIterations()).add("seed " + plan.seed())
                .add("model " + plan.model().name())
                .add(plan.execution().name().toLowerCase(Locale.ROOT) + " tasks");
        if (evaluation != null) {
            j.add("evaluation " + evaluation.iterations() + " steps of " + evaluation.batch() + " on "
                    + evaluation.tasks() + " tasks");
        }
        if (duringTraining != null) {
            j.add("evaluated " + duringTraining);
        }
        return j.toString();
    }
}
