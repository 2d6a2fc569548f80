package org.metalearn.tasks;

import org.metalearn.util.RandomStreams;

/** Test classes: each class a random +-1 prototype, each image the prototype plus fixed Gaussian noise. */
public final class SyntheticClasses implements ImageClasses {
    private final float[][][] images;

    public SyntheticClasses(int classes, int perClass, int size, double noise, long seed) {
        var rng = RandomStreams.of(seed, RandomStreams.Role.TASKS);
        images = new float[classes][perClass][size];
        for (int c = 0; c < classes; c++) {
            float[] proto = new float[size];
            for (int i = 0; i < size; i++) {
                proto[i] = rng.nextBoolean() ? 1f : -1f;
            }
            for (int j = 0; j < perClass; j++) {
                for (int i = 0; i < size; i++) {
                    double g = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
                    images[c][j][i] = (float) (proto[i] + noise * g);
                }
            }
        }
    }

    /** Identifies an image: class * 1000 + index is written into its first value by {@link #tagged}. */
    public static SyntheticClasses tagged(int classes, int perClass) {
        SyntheticClasses s = new SyntheticClasses(classes, perClass, 4, 0, 1);
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < perClass; j++) {
                s.images[c][j][0] = c * 1000 + j;
            }
        }
        return s;
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
        return images[0][0].length;
    }

    @Override
    public void copyImage(int cls, int index, float[] dst, int offset) {
        System.arraycopy(images[cls][index], 0, dst, offset, imageSize());
    }
}
