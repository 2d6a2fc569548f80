package org.metalearn.dsl;

import java.nio.file.Path;
import org.metalearn.data.miniimagenet.MiniImageNet;
import org.metalearn.data.miniimagenet.MiniImageNetImages;
import org.metalearn.data.miniimagenet.ResizeFilter;
import org.metalearn.data.omniglot.LakeRuns;
import org.metalearn.data.omniglot.OmniglotSplit;
import org.metalearn.learn.Tail;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.tasks.SineTasks;

/**
 * Entry point of the DSL: {@code meta().reptile().innerSteps(5).on(sine()).train()}. Statically import
 * {@code Meta.*}.
 */
public final class Meta {
    private Meta() {
    }

    public static Meta meta() {
        return new Meta();
    }

    public ReptileSpec reptile() {
        return new ReptileSpec();
    }

    public FomamlSpec fomaml() {
        return new FomamlSpec();
    }

    /** Second-order MAML (Hessian-vector products through plain-SGD inner steps). */
    public MamlSpec maml() {
        return new MamlSpec();
    }

    public JointSpec joint() {
        return new JointSpec();
    }

    /**
     * A sweep over {@code base}: {@code meta().sweep(spec).vary(Sweep.innerSteps(1, 2, 4)).run()} gives one table
     * row per run; runs are stored (and resumed) in {@code runs/}. See {@link Sweep}.
     */
    public Sweep sweep(TrainingSpec<?> base) {
        return new Sweep(Rules.SWEEP_BASE.check(base).settings());
    }

    /**
     * Omniglot few-shot classification (docs/paper.md#omniglot): 4800 rotated training classes, 423 test classes.
     * Unset values come from Table 3 ({@link Presets#OMNIGLOT_5WAY}, or {@link Presets#OMNIGLOT_20WAY} with
     * {@code ways(20)}), the paper's conv net included. Loads (and if needed downloads) the data from the
     * configured data directory; the character split uses seed 0.
     */
    public static ClassificationTasks omniglot() {
        return omniglot(0);
    }

    /** Omniglot with the character split drawn from {@code splitSeed}. */
    public static ClassificationTasks omniglot(long splitSeed) {
        OmniglotSplit split = OmniglotData.split(splitSeed);
        String name = splitSeed == 0 ? "omniglot" : "omniglot-split" + splitSeed;
        return new ClassificationTasks(name, split.train(), split.test(), 5, 1);
    }

    /**
     * Omniglot on Lake et al.'s split instead of the paper's: meta-train on the 30 background alphabets (964
     * characters, 3856 rotated classes), meta-test on the 20 evaluation alphabets (659 characters). Same presets
     * (Table 3) and net as {@link #omniglot()}.
     */
    public static ClassificationTasks omniglotLake() {
        OmniglotSplit split = OmniglotData.lakeSplit();
        return new ClassificationTasks("omniglot-lake", split.train(), split.test(), 5, 1);
    }

    /**
     * Lake et al.'s 20 one-shot runs (20-way 1-shot, within alphabet, evaluation alphabets) for
     * {@code run.evaluate().episodes(omniglotLakeRuns())}: the official {@code all_runs.zip} under
     * {@code <data>/omniglot}, downloaded with a checksum when missing, read without unpacking. Train on
     * {@link #omniglotLake()} with {@code ways(20)}: the runs' characters come from the evaluation alphabets.
     */
    public static Path omniglotLakeRuns() {
        return LakeRuns.path();
    }

    /**
     * Mini-ImageNet few-shot classification (docs/paper.md#mini-imagenet): 64 training, 16 validation and 20 test
     * classes of 600 84x84 RGB images. Unset values come from Table 4 ({@link Presets#MINI_IMAGENET_5SHOT}, or
     * {@link Presets#MINI_IMAGENET_1SHOT} with {@code shots(1)}), the paper's conv net included. Reads the data from
     * {@code <data>/miniimagenet} (three ways to provide it: docs/data.md#mini-imagenet), resized with nearest
     * neighbour unless {@code -Dmetalearn.miniimagenet.filter} says otherwise; evaluation can use the validation
     * classes ({@code evaluate().onValidationClasses(true)}).
     */
    public static ClassificationTasks miniImageNet() {
        return miniImageNet(ResizeFilter.parse(System.getProperty(MiniImageNet.FILTER_PROPERTY, "nearest")));
    }

    /**
     * True if the configured Mini-ImageNet folder holds one of the three ways to provide it (docs/data.md#mini-imagenet):
     * notebooks skip their Mini-ImageNet cells when it does not. Whether the copy is complete is checked on loading.
     */
    public static boolean miniImageNetAvailable() {
        return MiniImageNet.present(MiniImageNet.directory());
    }

    /** Mini-ImageNet with the images resized by {@code filter} (nearest, as the official code, by default). */
    public static ClassificationTasks miniImageNet(ResizeFilter filter) {
        MiniImageNetImages images = MiniImageNetData.images(filter);
        String name = filter == ResizeFilter.NEAREST ? "miniimagenet" : "miniimagenet-" + filter;
        return new ClassificationTasks(name, images.train(), images.val(), images.test(), 5, 1);
    }

    /** The sine-regression family of Figure 1. */
    public static SineTasks sine() {
        return new SineTasks();
    }

    /** First-order MAML's final batch from disjoint held-out data, {@code perClass} samples per class. */
    public static Tail separate(int perClass) {
        return Tail.separate(Rules.SEPARATE_TAIL.check(perClass));
    }

    /** First-order MAML's final batch from the same pool as the earlier steps. */
    public static Tail shared() {
        return Tail.shared();
    }
}
