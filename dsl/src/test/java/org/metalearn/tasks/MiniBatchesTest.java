package org.metalearn.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metalearn.util.RandomStreams;

class MiniBatchesTest {

    @Test
    void onePassCutsDisjointBatchesCoveringThePool() {
        // Omniglot 5-way: 50 samples, 5 batches of 10 -> exactly one pass, no overlap (docs/paper.md#mini-batches)
        int[][] b = MiniBatches.draw(50, 10, 5, false, RandomStreams.of(1, RandomStreams.Role.BATCHES));
        Set<Integer> seen = new HashSet<>();
        for (int[] batch : b) {
            assertEquals(10, batch.length);
            for (int s : batch) {
                assertTrue(seen.add(s), "sample " + s + " drawn twice in one pass");
            }
        }
        assertEquals(50, seen.size());
    }

    @Test
    void batchesStraddleAReshuffleWhenThePoolRunsOut() {
        // Mini-ImageNet: 75 samples, 8 batches of 10 -> the 8th batch is 5 leftovers + 5 from a new pass
        int[][] b = MiniBatches.draw(75, 10, 8, false, RandomStreams.of(2, RandomStreams.Role.BATCHES));
        Set<Integer> firstPass = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            for (int s : b[i]) {
                assertTrue(firstPass.add(s));
            }
        }
        Set<Integer> last = new HashSet<>();
        for (int s : b[7]) {
            last.add(s);
        }
        Set<Integer> leftovers = new HashSet<>();
        for (int s = 0; s < 75; s++) {
            if (!firstPass.contains(s)) {
                leftovers.add(s);
            }
        }
        assertEquals(5, leftovers.size());
        for (int s = 0; s < 5; s++) {
            assertTrue(leftovers.contains(b[7][s]), "the first five of the last batch finish the first pass");
        }
    }

    @Test
    void withReplacementEachBatchIsDistinctButBatchesMayRepeatSamples() {
        int[][] b = MiniBatches.draw(10, 10, 3, true, RandomStreams.of(3, RandomStreams.Role.BATCHES));
        for (int[] batch : b) {
            assertEquals(10, new HashSet<>(java.util.Arrays.stream(batch).boxed().toList()).size());
        }
        assertNotEquals(java.util.Arrays.toString(b[0]), java.util.Arrays.toString(b[1]));
        assertThrows(IllegalArgumentException.class,
                () -> MiniBatches.draw(5, 6, 1, true, RandomStreams.of(3, RandomStreams.Role.BATCHES)));
    }

    @Test
    void tailIsHeldOutPerGroupAndDisjointFromTheHead() {
        int[] groups = new int[12];
        float[] x = new float[12];
        float[] y = new float[12];
        for (int i = 0; i < 12; i++) {
            groups[i] = i % 3;
            x[i] = i;
            y[i] = i;
        }
        Task.Split split = new Task(x, y, groups).holdOutTail(2, RandomStreams.of(4, RandomStreams.Role.BATCHES));
        assertEquals(6, split.tail().size());
        assertEquals(6, split.head().size());
        int[] perGroup = new int[3];
        Set<Float> tailIds = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            perGroup[split.tail().group(i)]++;
            tailIds.add(split.tail().all().inputs()[i]);
        }
        assertEquals(2, perGroup[0]);
        assertEquals(2, perGroup[1]);
        assertEquals(2, perGroup[2]);
        for (float h : split.head().all().inputs()) {
            assertTrue(!tailIds.contains(h), "sample " + h + " is in head and tail");
        }
    }
}
