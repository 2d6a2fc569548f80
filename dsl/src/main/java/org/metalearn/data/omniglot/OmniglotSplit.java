package org.metalearn.data.omniglot;

import java.util.Arrays;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.metalearn.tasks.ImageClasses;
import org.metalearn.util.RandomStreams;

/**
 * The official split (docs/paper.md#omniglot): the 1623 pooled characters shuffled with the seed, the first 1200 for
 * meta-training, the other 423 for meta-testing; training characters augmented with 90/180/270-degree rotations
 * as separate classes (4800 classes). Our shuffle uses the project's seeded generator, not Python's, so the
 * membership differs from the official run's while the sizes and procedure are the same.
 */
public final class OmniglotSplit {
    public static final int TRAIN_CHARACTERS = 1200;
    public static final int ROTATIONS = 4;

    private final OmniglotImages images;
    private final int[] train;
    private final int[] test;

    public OmniglotSplit(OmniglotImages images, long seed) {
        this.images = images;
        int[] order = PermutationSampler.natural(images.characterCount());
        PermutationSampler.shuffle(RandomStreams.of(seed, RandomStreams.Role.SPLIT), order);
        this.train = Arrays.copyOfRange(order, 0, TRAIN_CHARACTERS);
        this.test = Arrays.copyOfRange(order, TRAIN_CHARACTERS, order.length);
    }

    /** Character indices (into {@link OmniglotImages}) of the meta-training characters. */
    public int[] trainCharacters() {
        return train.clone();
    }

    public int[] testCharacters() {
        return test.clone();
    }

    /** 4800 classes: class 4c + r is training character c rotated r x 90 degrees counter-clockwise. */
    public ImageClasses train() {
        return new Classes(train, ROTATIONS);
    }

    /** 423 classes, not rotated. */
    public ImageClasses test() {
        return new Classes(test, 1);
    }

    private final class Classes implements ImageClasses {
        private final int[] characters;
        private final int rotations;

        Classes(int[] characters, int rotations) {
            this.characters = characters;
            this.rotations = rotations;
        }

        @Override
        public int classCount() {
            return characters.length * rotations;
        }

        @Override
        public int imagesPerClass() {
            return OmniglotImages.DRAWINGS;
        }

        @Override
        public int imageSize() {
            return OmniglotImages.PIXELS;
        }

        @Override
        public void copyImage(int cls, int index, float[] dst, int offset) {
            images.copy(characters[cls / rotations], index, cls % rotations, dst, offset);
        }
    }
}
