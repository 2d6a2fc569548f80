package org.metalearn.tasks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * N-way K-shot classification tasks over a pool of image classes, sampled as the official code's
 * {@code _sample_mini_dataset} (docs/paper.md#task-sampling): take N random classes, K distinct random images of each,
 * labels 0..N-1 in the order the classes were drawn (one-hot targets, group = label); or, {@link #withinGroups},
 * N classes of one group (Omniglot: alphabet).
 */
public final class ClassificationTasks implements TaskDistribution {
    private final String family;
    private final String name;
    private final ImageClasses classes;
    private final ImageClasses validationClasses; // null: the family has none (Omniglot)
    private final ImageClasses testClasses;
    private final int ways;
    private final int shots;
    private final ClassGroups groups; // null: N classes from anywhere; else N classes of one group (withinGroups)

    /** Tasks over one set of classes (no separate test classes). */
    public ClassificationTasks(String name, ImageClasses classes, int ways, int shots) {
        this(name, classes, classes, ways, shots);
    }

    /**
     * Training tasks over {@code classes}; {@code testClasses} are the held-out classes that evaluation
     * samples from (Omniglot: 4800 rotated training classes, 423 test characters).
     */
    public ClassificationTasks(String name, ImageClasses classes, ImageClasses testClasses, int ways, int shots) {
        this(name, name, classes, null, testClasses, ways, shots, false);
    }

    /**
     * Training tasks over {@code classes}, with held-out {@code validationClasses} (for choosing settings, as the
     * paper did for Mini-ImageNet) and {@code testClasses} (for the reported accuracy).
     */
    public ClassificationTasks(String name, ImageClasses classes, ImageClasses validationClasses,
                               ImageClasses testClasses, int ways, int shots) {
        this(name, name, classes, validationClasses, testClasses, ways, shots, false);
    }

    private ClassificationTasks(String family, String name, ImageClasses classes, ImageClasses validationClasses,
                                ImageClasses testClasses, int ways, int shots, boolean withinGroups) {
        if (ways < 2 || ways > classes.classCount()) {
            throw new IllegalArgumentException("ways must be in [2, " + classes.classCount() + "] for " + name
                    + ", got " + ways);
        }
        if (shots < 1 || shots > classes.imagesPerClass()) {
            throw new IllegalArgumentException("shots must be in [1, " + classes.imagesPerClass() + "] for " + name
                    + " (" + classes.imagesPerClass() + " images per class), got " + shots);
        }
        if (ways > testClasses.classCount()) {
            throw new IllegalArgumentException("ways must be in [2, " + testClasses.classCount() + "] for " + name
                    + " test classes, got " + ways);
        }
        if (validationClasses != null && ways > validationClasses.classCount()) {
            throw new IllegalArgumentException("ways must be in [2, " + validationClasses.classCount() + "] for "
                    + name + " validation classes, got " + ways);
        }
        this.family = family;
        this.name = name;
        this.classes = classes;
        this.validationClasses = validationClasses;
        this.testClasses = testClasses;
        this.ways = ways;
        this.shots = shots;
        this.groups = withinGroups ? new ClassGroups(classes, ways, name) : null;
        if (withinGroups) { // checked now rather than at the first evaluation
            new ClassGroups(testClasses, ways, name + " test classes");
            if (validationClasses != null) {
                new ClassGroups(validationClasses, ways, name + " validation classes");
            }
        }
    }

    /**
     * The same tasks drawn within one group of classes (Omniglot: N characters of one alphabet, as Lake et al.'s
     * one-shot runs are), for training and for evaluation on the held-out classes; named {@code <name>-within-groups}.
     * One clear error if the classes have no groups or no group has N classes.
     */
    public ClassificationTasks withinGroups() {
        if (groups != null) {
            return this;
        }
        return new ClassificationTasks(family, name + "-within-groups", classes, validationClasses, testClasses,
                ways, shots, true);
    }

    /** True if tasks are drawn within one group of classes ({@link #withinGroups}). */
    public boolean isWithinGroups() {
        return groups != null;
    }

    public int ways() {
        return ways;
    }

    public int shots() {
        return shots;
    }

    public ImageClasses classes() {
        return classes;
    }

    public ImageClasses testClasses() {
        return testClasses;
    }

    /** True if the family has validation classes (Mini-ImageNet's 16). */
    public boolean hasValidationClasses() {
        return validationClasses != null;
    }

    /** The validation classes; one clear error for a family without them. */
    public ImageClasses validationClasses() {
        if (validationClasses == null) {
            throw new IllegalArgumentException(name + " has no validation classes (only training and test classes); "
                    + "evaluate on the test or the training classes");
        }
        return validationClasses;
    }

    /** Tasks of the same shape over the held-out test classes (for evaluation). */
    public ClassificationTasks onTestClasses() {
        return new ClassificationTasks(family, name + " test", testClasses, null, testClasses, ways, shots,
                groups != null);
    }

    /** Tasks of the same shape over the validation classes (for evaluation); an error if there are none. */
    public ClassificationTasks onValidationClasses() {
        ImageClasses val = validationClasses();
        return new ClassificationTasks(family, name + " validation", val, null, val, ways, shots, groups != null);
    }

    /** Tasks of the same shape over the training classes, as evaluation samples them. */
    public ClassificationTasks onTrainClasses() {
        return new ClassificationTasks(family, name + " train", classes, null, classes, ways, shots, groups != null);
    }

    @Override
    public ClassificationTasks shaped(Integer newWays, Integer newShots) {
        return new ClassificationTasks(family, name, classes, validationClasses, testClasses,
                newWays != null ? newWays : ways, newShots != null ? newShots : shots, groups != null);
    }

    @Override
    public Task sample(UniformRandomProvider rng) {
        return sample(rng, shots);
    }

    /** A task with {@code perClass} images of each of N random classes. */
    public Task sample(UniformRandomProvider rng, int perClass) {
        if (perClass > classes.imagesPerClass()) {
            throw new IllegalArgumentException("cannot draw " + perClass + " distinct images from classes of "
                    + classes.imagesPerClass());
        }
        int[] chosen = groups != null ? groups.sample(rng, ways)
                : new PermutationSampler(rng, classes.classCount(), ways).sample();
        int size = classes.imageSize();
        int n = ways * perClass;
        float[] x = new float[n * size];
        float[] y = new float[n * ways];
        int[] groups = new int[n];
        int row = 0;
        for (int label = 0; label < ways; label++) {
            int[] images = new PermutationSampler(rng, classes.imageCount(chosen[label]), perClass).sample();
            for (int image : images) {
                classes.copyImage(chosen[label], image, x, row * size);
                y[row * ways + label] = 1f;
                groups[row] = label;
                row++;
            }
        }
        return new Task(x, y, groups);
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int poolSize() {
        return ways * shots;
    }

    @Override
    public int inputWidth() {
        return classes.imageSize();
    }

    @Override
    public int outputWidth() {
        return ways;
    }

    @Override
    public boolean isClassification() {
        return true;
    }

    /** e.g. {@code omniglot: 4800 training classes, 423 test classes, 5-way 1-shot}. */
    @Override
    public String toString() {
        return name + ": " + classes.classCount() + " training classes, "
                + (validationClasses != null ? validationClasses.classCount() + " validation classes, " : "")
                + testClasses.classCount() + " test classes, " + ways + "-way " + shots + "-shot"
                + (groups != null ? ", within one group (" + groups.eligibleGroups() + " groups with enough classes)"
                : "");
    }
}
