package org.metalearn.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metalearn.util.RandomStreams;

class ClassificationTasksTest {

    @Test
    void tasksHoldDistinctClassesAndDistinctImagesLabelledInDrawOrder() {
        ClassificationTasks tasks = new ClassificationTasks("tagged", SyntheticClasses.tagged(30, 20), 5, 10);
        var rng = RandomStreams.of(2, RandomStreams.Role.TASKS);
        for (int t = 0; t < 50; t++) {
            Task task = tasks.sample(rng);
            assertEquals(50, task.size());
            Batch all = task.all();
            Set<Integer> classes = new HashSet<>();
            Set<Integer> images = new HashSet<>();
            int[] labelOfClass = new int[30];
            java.util.Arrays.fill(labelOfClass, -1);
            for (int r = 0; r < 50; r++) {
                int tag = (int) all.inputs()[r * 4];
                int cls = tag / 1000;
                assertTrue(images.add(tag), "image " + tag + " drawn twice in one task");
                classes.add(cls);
                int label = -1;
                for (int j = 0; j < 5; j++) {
                    if (all.targets()[r * 5 + j] == 1f) {
                        label = j;
                    }
                }
                assertEquals(label, task.group(r));
                assertEquals(r / 10, label, "labels 0..N-1 in the order the classes were drawn");
                assertTrue(labelOfClass[cls] == -1 || labelOfClass[cls] == label, "one label per class");
                labelOfClass[cls] = label;
            }
            assertEquals(5, classes.size());
        }
    }

    @Test
    void waysAndShotsAreValidatedAgainstTheData() {
        SyntheticClasses data = SyntheticClasses.tagged(30, 20);
        new ClassificationTasks("tagged", data, 30, 20);
        assertEquals("shots must be in [1, 20] for tagged (20 images per class), got 25",
                assertThrows(IllegalArgumentException.class, () -> new ClassificationTasks("tagged", data, 5, 25)).getMessage());
        assertEquals("ways must be in [2, 30] for tagged, got 31",
                assertThrows(IllegalArgumentException.class, () -> new ClassificationTasks("tagged", data, 31, 1)).getMessage());
    }
}
