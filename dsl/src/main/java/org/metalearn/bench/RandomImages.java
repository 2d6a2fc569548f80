package org.metalearn.bench;

import org.metalearn.tasks.ImageClasses;
import org.metalearn.util.RandomStreams;

/** Benchmark data: classes of random binary images (speed does not depend on the pixels). */
final class RandomImages implements ImageClasses {
    private final float[][][] images;
    private final int size;

    /** 28x28 images, Omniglot's size. */
    RandomImages(int classes, int perClass, long seed) {
        this(classes, perClass, 784, seed);
    }

    /** Images of {@code size} values each (84 * 84 * 3 for Mini-ImageNet). */
    RandomImages(int classes, int perClass, int size, long seed) {
        this.size = size;
        var rng = RandomStreams.of(seed, RandomStreams.Role.TASKS);
        images = new float[classes][perClass][size];
        for (float[][] cls : images) {
            for (float[] image : cls) {
                for (int i = 0; i < image.length; i++) {
                    image[i] = rng.nextDouble() < 0.2 ? 0f : 1f;
                }
            }
        }
    }

    @Override
    public int classCount() {
        return images.length;
    }

    @Override
    public int imagesPerClass() {
        return images[0].length;
    }

    @Override
    public int imageSize() {
        return size;
    }

    @Override
    public void copyImage(int cls, int index, float[] dst, int offset) {
        System.arraycopy(images[cls][index], 0, dst, offset, size);
    }
}
