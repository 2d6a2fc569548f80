package org.metalearn.data.miniimagenet;

/**
 * How many classes each split has and how many images each class has. The reader checks a copy against
 * {@link #PAPER}; tests pass a small shape of their own to read tiny generated fixtures.
 */
public record SplitShape(int trainClasses, int valClasses, int testClasses, int imagesPerClass) {
    /** Ravi & Larochelle's split: 64 / 16 / 20 classes of 600 images. */
    public static final SplitShape PAPER = new SplitShape(64, 16, 20, 600);

    public SplitShape {
        if (trainClasses < 1 || valClasses < 1 || testClasses < 1 || imagesPerClass < 1) {
            throw new IllegalArgumentException("a split shape needs at least one class and image per split, got "
                    + trainClasses + "/" + valClasses + "/" + testClasses + " x " + imagesPerClass);
        }
    }

    /** Classes expected in {@code split}. */
    public int classes(Split split) {
        return switch (split) {
            case TRAIN -> trainClasses;
            case VAL -> valClasses;
            case TEST -> testClasses;
        };
    }

    @Override
    public String toString() {
        return trainClasses + "/" + valClasses + "/" + testClasses + " classes x " + imagesPerClass + " images";
    }
}
