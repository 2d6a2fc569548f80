package org.metalearn.dsl;

import java.util.Locale;
import org.metalearn.learn.LinearSchedule;
import org.metalearn.models.Activation;
import org.metalearn.models.Convolutions;
import org.metalearn.models.MiniImageNetNet;
import org.metalearn.models.SineMlp;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's settings, one {@link Preset} per task family and setting, each number with its source
 * (docs/paper.md#tables, docs/paper.md#figure-1). {@link #forTasks} picks the preset a spec's unset values come
 * from: {@code on(omniglot()).ways(20)} takes the 20-way column of Table 3 unless a value is set.
 */
public final class Presets {
    private Presets() {
    }

    /** The official sine demo (Figure 1): 5 SGD steps of 10 of the 50 grid points, lr 0.02, outer 0.1 -> 0. */
    public static final Preset SINE = new Preset("sine", "Figure 1 (official sine demo)", null, null, null,
            5, 10, OptimizerChoice.sgd(0.02), 1, new LinearSchedule(0.1, 0), 30_000, 32, 10, 1,
            (ways, activation) -> SineMlp.lean(activation == null ? Activation.TANH : activation));

    /** Table 3, 5-way column; 5 support shots at evaluation (the official default), eval batch 5. */
    public static final Preset OMNIGLOT_5WAY = new Preset("Omniglot 5-way", "Table 3", 5, 5, 10,
            5, 10, OptimizerChoice.adam(1e-3), 5, new LinearSchedule(1.0, 0), 100_000, 50, 5, 10_000,
            (ways, activation) -> Convolutions.preferred().omniglot(ways));

    /** Table 3, 20-way column: Adam 5e-4, 10 steps of 20, 200k meta-iterations, eval batch 10. */
    public static final Preset OMNIGLOT_20WAY = new Preset("Omniglot 20-way", "Table 3", 20, 5, 10,
            10, 20, OptimizerChoice.adam(5e-4), 5, new LinearSchedule(1.0, 0), 200_000, 50, 10, 10_000,
            (ways, activation) -> Convolutions.preferred().omniglot(ways));

    /**
     * Table 4, 1-shot column: Adam 1e-3, 8 steps of 10, 15 training shots, meta-batch 5, 100k meta-iterations,
     * evaluation 50 steps of 5; the paper's Mini-ImageNet net ({@link MiniImageNetNet}, convolutions as
     * {@link Convolutions#preferred()}).
     */
    public static final Preset MINI_IMAGENET_1SHOT = new Preset("Mini-ImageNet 1-shot", "Table 4", 5, 1, 15,
            8, 10, OptimizerChoice.adam(1e-3), 5, new LinearSchedule(1.0, 0), 100_000, 50, 5, 10_000,
            (ways, activation) -> Convolutions.preferred().miniImageNet(ways));

    /** Table 4, 5-shot column: as 1-shot but eval batch 15. */
    public static final Preset MINI_IMAGENET_5SHOT = new Preset("Mini-ImageNet 5-shot", "Table 4", 5, 5, 15,
            8, 10, OptimizerChoice.adam(1e-3), 5, new LinearSchedule(1.0, 0), 100_000, 50, 15, 10_000,
            (ways, activation) -> Convolutions.preferred().miniImageNet(ways));

    /** Second-order MAML's outer loop when not set: Adam, learning rate 1e-3 annealed to 0 (our choice). */
    public static final LinearSchedule MAML_OUTER_ADAM = new LinearSchedule(1e-3, 0);

    /**
     * The preset of a task family: sine -> {@link #SINE}; omniglot -> by ways (20 -> 20-way, else 5-way);
     * miniimagenet -> by shots (1 -> 1-shot, else 5-shot). A classification family without a preset of its own
     * takes Omniglot 5-way's training numbers, its own shape and no default model; a regression family, the
     * sine demo's.
     */
    public static Preset forTasks(String family, boolean classification, Integer ways, Integer shots) {
        String f = family.toLowerCase(Locale.ROOT);
        if (f.startsWith("omniglot")) {
            return ways != null && ways == 20 ? OMNIGLOT_20WAY : OMNIGLOT_5WAY;
        }
        if (f.startsWith("miniimagenet")) {
            return shots != null && shots == 1 ? MINI_IMAGENET_1SHOT : MINI_IMAGENET_5SHOT;
        }
        if (!classification) {
            return SINE;
        }
        Preset o = OMNIGLOT_5WAY;
        return new Preset(family + " (Omniglot 5-way numbers)", "Table 3", null, null, null, o.innerSteps(),
                o.innerBatch(), o.optimizer(), o.metaBatch(), o.metaStep(), o.metaIterations(), o.evalIterations(),
                o.evalBatch(), o.evalTasks(), null);
    }

    /** Table 3 as the paper prints it, rendered from the presets. */
    public static Table table3() {
        return table("Table 3: Reptile hyper-parameters, Omniglot", OMNIGLOT_5WAY, OMNIGLOT_20WAY);
    }

    /** Table 4 as the paper prints it, rendered from the presets. */
    public static Table table4() {
        return table("Table 4: Reptile hyper-parameters, Mini-ImageNet", MINI_IMAGENET_1SHOT, MINI_IMAGENET_5SHOT);
    }

    /** One row per hyper-parameter, one column per preset. */
    public static Table table(String title, Preset... presets) {
        Table t = Table.create(title, StringColumn.create("parameter", "Adam learning rate", "Inner batch size",
                "Inner iterations", "Training shots", "Outer step size", "Outer iterations", "Meta-batch size",
                "Eval. inner iterations", "Eval. inner batch"));
        for (Preset p : presets) {
            t.addColumns(StringColumn.create(p.name(), String.valueOf(p.optimizer().learningRate()),
                    String.valueOf(p.innerBatch()), String.valueOf(p.innerSteps()), String.valueOf(p.trainShots()),
                    p.metaStep().start() + " (-> " + p.metaStep().end() + " linear)",
                    String.valueOf(p.metaIterations()), String.valueOf(p.metaBatch()),
                    String.valueOf(p.evalIterations()), String.valueOf(p.evalBatch())));
        }
        return t;
    }
}
