package org.metalearn.data.omniglot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metalearn.data.TestData;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.tasks.ImageClasses;

class OmniglotDataTest {
    private static OmniglotImages images;

    @BeforeAll
    static void load() {
        long t0 = System.nanoTime();
        images = Omniglot.load(TestData.omniglotDirectory());
        System.out.printf("Omniglot loaded in %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void poolsBothSetsInTheOfficialOrder() {
        assertEquals(1623, images.characterCount());
        assertEquals("Alphabet_of_the_Magi/character01", images.name(0));
        for (int c = 1; c < images.characterCount(); c++) {
            String prev = images.name(c - 1);
            String cur = images.name(c);
            String pa = prev.substring(0, prev.indexOf('/'));
            String ca = cur.substring(0, cur.indexOf('/'));
            assertTrue(pa.compareTo(ca) < 0 || pa.equals(ca) && prev.compareTo(cur) < 0, prev + " before " + cur);
        }
    }

    @Test
    void splitsInto1200And423CharactersWith4800RotatedTrainingClasses() {
        OmniglotSplit split = new OmniglotSplit(images, 0);
        assertEquals(1200, split.trainCharacters().length);
        assertEquals(423, split.testCharacters().length);
        Set<Integer> train = new HashSet<>();
        for (int c : split.trainCharacters()) {
            train.add(c);
        }
        for (int c : split.testCharacters()) {
            assertFalse(train.contains(c), "character " + c + " in both splits");
        }
        assertEquals(1623, train.size() + split.testCharacters().length);
        assertEquals(4800, split.train().classCount());
        assertEquals(423, split.test().classCount());
        assertEquals(20, split.train().imagesPerClass());
        // another seed gives another split
        assertFalse(java.util.Arrays.equals(split.trainCharacters(), new OmniglotSplit(images, 1).trainCharacters()));
    }

    @Test
    void lakesSplitTrainsOnTheBackgroundAlphabetsAndTestsOnTheEvaluationAlphabets() {
        OmniglotSplit lake = OmniglotSplit.lake(images);
        assertEquals(964, lake.trainCharacters().length);
        assertEquals(659, lake.testCharacters().length);
        assertEquals(3856, lake.train().classCount());
        assertEquals(659, lake.test().classCount());
        Set<String> trainAlphabets = new HashSet<>();
        for (int c : lake.trainCharacters()) {
            trainAlphabets.add(images.alphabet(c));
        }
        Set<String> testAlphabets = new HashSet<>();
        for (int c : lake.testCharacters()) {
            testAlphabets.add(images.alphabet(c));
        }
        assertEquals(30, trainAlphabets.size());
        assertEquals(20, testAlphabets.size());
        for (String a : testAlphabets) {
            assertFalse(trainAlphabets.contains(a), a + " on both sides");
        }
        // two alphabets known to be on each side (the official images_background / images_evaluation folders)
        assertTrue(trainAlphabets.contains("Latin") && trainAlphabets.contains("Korean"), trainAlphabets.toString());
        assertTrue(testAlphabets.contains("Angelic") && testAlphabets.contains("Tibetan"), testAlphabets.toString());
        // a class's group is its character's alphabet, the same for its four rotations
        ImageClasses train = lake.train();
        int[] characters = lake.trainCharacters();
        for (int cls = 0; cls < train.classCount(); cls++) {
            assertEquals(images.alphabet(characters[cls / 4]), train.group(cls));
        }
        assertEquals(trainAlphabets, IntStream.range(0, train.classCount()).mapToObj(train::group)
                .collect(Collectors.toSet()));
        // 20-way within one alphabet: every background alphabet has 5+ characters (20+ rotated classes), every
        // evaluation alphabet (not rotated) 20+ characters, as Lake's runs (20 characters of one alphabet) need
        int eligible = (int) testAlphabets.stream().filter(a -> Arrays.stream(lake.testCharacters())
                .filter(c -> images.alphabet(c).equals(a)).count() >= 20).count();
        assertEquals(20, eligible, "evaluation alphabets with 20+ characters");
        String shown = new ClassificationTasks("omniglot-lake", train, lake.test(), 20, 1).withinGroups().toString();
        assertTrue(shown.endsWith("20-way 1-shot, within one group (30 groups with enough classes)"), shown);
    }

    @Test
    void rotatedClassesAreQuarterTurnsOfTheSameDrawings() {
        ImageClasses train = new OmniglotSplit(images, 0).train();
        float[][] r = new float[4][784];
        for (int k = 0; k < 4; k++) {
            train.copyImage(4 * 7 + k, 3, r[k], 0);
        }
        // rotating the 90-degree image back by 270 degrees gives the original, and 90 twice is 180
        assertArrayEquals(r[0], rotateCounterClockwise(r[1], 3));
        assertArrayEquals(r[2], rotateCounterClockwise(r[1], 1));
        assertArrayEquals(r[3], rotateCounterClockwise(r[0], 3));
        assertFalse(java.util.Arrays.equals(r[0], r[1]));
    }

    @Test
    void pixelsAreZeroOrOneWithAWhiteBackground() {
        float[] x = new float[784];
        int white = 0;
        for (int c = 0; c < 1623; c += 101) {
            images.copy(c, 0, 0, x, 0);
            for (float v : x) {
                assertTrue(v == 0f || v == 1f);
                white += (int) v;
            }
        }
        double fraction = white / (784.0 * 17);
        assertTrue(fraction > 0.7 && fraction < 0.99, "background fraction " + fraction);
    }

    /** Independent rotation for the test: (i, j) of the result is (j, 27 - i) of the input, per quarter turn. */
    private static float[] rotateCounterClockwise(float[] img, int turns) {
        float[] cur = img.clone();
        for (int t = 0; t < turns; t++) {
            float[] next = new float[784];
            for (int i = 0; i < 28; i++) {
                for (int j = 0; j < 28; j++) {
                    next[i * 28 + j] = cur[j * 28 + (27 - i)];
                }
            }
            cur = next;
        }
        return cur;
    }
}
