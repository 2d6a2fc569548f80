package org.metalearn.bench;

import org.metalearn.tasks.ImageClasses;
import org.metalearn.util.RandomStreams;

/** Benchmark data: classes of random binary 28x28 images (speed does not depend on the pixels). */
final class RandomImages implements ImageClasses {
    private final float[][][] images;

    RandomImages(int classes, int perClass, long seed) {
        var rng = RandomStreams.of(seed, RandomStreams.Role.TASKS);
        images = new float[classes][perClass][784];
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
        return 784;
    }

    @Override
    public void copyImage(int cls, int index, float[] dst, int offset) {
        System.arraycopy(images[cls][index], 0, dst, offset, 784);
    }
}
