package org.metalearn.data.omniglot;

import java.util.Arrays;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.metalearn.tasks.ImageClasses;
import org.metalearn.util.RandomStreams;

/**
 * Omniglot's characters split into meta-training and meta-testing; training characters augmented with
 * 90/180/270-degree rotations as separate classes.
 * <ul>
 * <li>{@link #OmniglotSplit(OmniglotImages, long) the paper's split} (docs/paper.md#omniglot): the 1623 pooled
 * characters shuffled with the seed, the first 1200 for meta-training (4800 classes), the other 423 for
 * meta-testing. Our shuffle uses the project's seeded generator, not Python's, so the membership differs from the
 * official run's while the sizes and procedure are the same.</li>
 * <li>{@link #lake(OmniglotImages) Lake et al.'s split}: the 30 background alphabets (964 characters, 3856 rotated
 * classes) for meta-training, the 20 evaluation alphabets (659 characters) for meta-testing, as many later papers
 * compare; no alphabet is on both sides.</li>
 * </ul>
 */
public final class OmniglotSplit {
    public static final int TRAIN_CHARACTERS = 1200;
    public static final int ROTATIONS = 4;

    private final OmniglotImages images;
    private final int[] train;
    private final int[] test;

    /** The paper's pooled split drawn with {@code seed}. */
    public OmniglotSplit(OmniglotImages images, long seed) {
        this.images = images;
        int[] order = PermutationSampler.natural(images.characterCount());
        PermutationSampler.shuffle(RandomStreams.of(seed, RandomStreams.Role.SPLIT), order);
        this.train = Arrays.copyOfRange(order, 0, TRAIN_CHARACTERS);
        this.test = Arrays.copyOfRange(order, TRAIN_CHARACTERS, order.length);
    }

    private OmniglotSplit(OmniglotImages images, int[] train, int[] test) {
        this.images = images;
        this.train = train;
        this.test = test;
    }

    /** Lake et al.'s split: background characters for meta-training, evaluation characters for meta-testing. */
    public static OmniglotSplit lake(OmniglotImages images) {
        int[] all = PermutationSampler.natural(images.characterCount());
        return new OmniglotSplit(images, Arrays.stream(all).filter(images::isBackground).toArray(),
                Arrays.stream(all).filter(c -> !images.isBackground(c)).toArray());
    }

    /** Character indices (into {@link OmniglotImages}) of the meta-training characters. */
    public int[] trainCharacters() {
        return train.clone();
    }

    public int[] testCharacters() {
        return test.clone();
    }

    /** 4 classes per training character (4800 or 3856): class 4c + r is character c rotated r x 90 degrees. */
    public ImageClasses train() {
        return new Classes(train, ROTATIONS);
    }

    /** One class per test character (423 or 659), not rotated. */
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
        public String group(int cls) {
            return images.alphabet(characters[cls / rotations]);
        }

        @Override
        public void copyImage(int cls, int index, float[] dst, int offset) {
            images.copy(characters[cls / rotations], index, cls % rotations, dst, offset);
        }
    }
}
