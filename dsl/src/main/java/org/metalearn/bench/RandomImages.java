package org.metalearn.bench;

import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.ImageClasses;
import org.metalearn.util.RandomStreams;

/** Benchmark data: classes of random binary images (speed does not depend on the pixels). */
final class RandomImages implements ImageClasses {
    private final float[][][] images;
    private final int size;

    /**
     * {@code count} ready-made batches of {@code rows} random images of {@code size} values (binary pixels, as the
     * classes above) with random one-hot labels over {@code ways}, drawn in order from {@code rng}: the inner-step
     * lines of both nets time these.
     */
    static Batch[] batches(int count, int rows, int size, int ways, UniformRandomProvider rng) {
        Batch[] batches = new Batch[count];
        for (int b = 0; b < count; b++) {
            float[] x = new float[rows * size];
            float[] y = new float[rows * ways];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextDouble() < 0.2 ? 0f : 1f;
            }
            for (int r = 0; r < rows; r++) {
                y[r * ways + rng.nextInt(ways)] = 1f;
            }
            batches[b] = new Batch(x, y, rows);
        }
        return batches;
    }

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
