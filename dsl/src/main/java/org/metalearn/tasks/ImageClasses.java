package org.metalearn.tasks;

/** A set of classes, each with the same number of images of the same size (e.g. Omniglot's characters). */
public interface ImageClasses {

    int classCount();

    int imagesPerClass();

    /** Values per image (28 * 28 = 784 for Omniglot). */
    int imageSize();

    /** Writes image {@code index} of class {@code cls} into {@code dst} at {@code offset}. */
    void copyImage(int cls, int index, float[] dst, int offset);
}
