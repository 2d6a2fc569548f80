package org.metalearn.dsl;

import org.metalearn.learn.LinearSchedule;
import org.metalearn.models.Activation;
import org.metalearn.models.LearnerFactory;

/**
 * Every number of one paper setting (a task family at a given ways or shots): inner loop, outer loop, evaluation
 * protocol and model. Unset DSL values come from here; {@link Presets} holds the paper's presets and says where each
 * number comes from.
 *
 * @param ways        classes per task (null: regression)
 * @param shots       support images per class at evaluation (null: regression)
 * @param trainShots  images per class in a meta-training task (null: regression)
 * @param evalBatch   support images per fine-tuning batch at evaluation
 * @param model       the paper's net for this setting (null: none yet; the user sets one with {@code model(...)})
 */
public record Preset(String name, String source, Integer ways, Integer shots, Integer trainShots, int innerSteps,
                     int innerBatch, OptimizerChoice optimizer, int metaBatch, LinearSchedule metaStep,
                     long metaIterations, int evalIterations, int evalBatch, int evalTasks, ModelChoice model) {

    /** The model a preset builds for a number of ways (classification) or an activation (regression). */
    @FunctionalInterface
    public interface ModelChoice {
        LearnerFactory create(int ways, Activation activation);
    }

    /** e.g. {@code Omniglot 5-way (Table 3)}. */
    @Override
    public String toString() {
        return name + " (" + source + ")";
    }
}
