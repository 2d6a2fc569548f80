package org.metalearn.tasks;

/**
 * A set of classes of images of the same size (e.g. Omniglot's characters). Classes usually have the same number
 * of images; where they do not (Mini-ImageNet's official copy has 597-600), {@link #imageCount} says how many.
 */
public interface ImageClasses {

    int classCount();

    /** The number of images every class has at least (the bound on shots). */
    int imagesPerClass();

    /** Images of class {@code cls}: {@link #imagesPerClass()} unless classes differ. */
    default int imageCount(int cls) {
        return imagesPerClass();
    }

    /**
     * The group class {@code cls} belongs to (Omniglot: its alphabet), for tasks drawn within one group
     * ({@link ClassificationTasks#withinGroups}); all in one group unless the classes say otherwise.
     */
    default String group(int cls) {
        return "";
    }

    /** Values per image (28 * 28 = 784 for Omniglot). */
    int imageSize();

    /** Writes image {@code index} of class {@code cls} into {@code dst} at {@code offset}. */
    void copyImage(int cls, int index, float[] dst, int offset);
}
