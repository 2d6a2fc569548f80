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

    /** Tagged classes (image values encode class and image, as {@link SyntheticClasses#tagged}) in named groups. */
    private static ImageClasses grouped(int[] groupSizes) {
        ImageClasses tagged = SyntheticClasses.tagged(java.util.Arrays.stream(groupSizes).sum(), 20);
        String[] groupOf = new String[tagged.classCount()];
        int c = 0;
        for (int g = 0; g < groupSizes.length; g++) {
            for (int i = 0; i < groupSizes[g]; i++) {
                groupOf[c++] = "alphabet" + g;
            }
        }
        return new ImageClasses() {
            public int classCount() {
                return tagged.classCount();
            }

            public int imagesPerClass() {
                return tagged.imagesPerClass();
            }

            public int imageSize() {
                return tagged.imageSize();
            }

            public String group(int cls) {
                return groupOf[cls];
            }

            public void copyImage(int cls, int index, float[] dst, int offset) {
                tagged.copyImage(cls, index, dst, offset);
            }
        };
    }

    @Test
    void withinGroupsEveryTaskTakesItsClassesFromOneGroupWithEnoughOfThem() {
        // groups of 3, 6, 2 and 8 classes (0-2, 3-8, 9-10, 11-18): 5-way tasks come from the 6 or the 8 only
        ImageClasses pool = grouped(new int[] {3, 6, 2, 8});
        ClassificationTasks tasks = new ClassificationTasks("grouped", pool, pool, 5, 1).withinGroups();
        assertEquals("grouped-within-groups", tasks.name());
        assertTrue(tasks.isWithinGroups() && tasks.onTestClasses().isWithinGroups() && tasks.shaped(4, 1)
                .isWithinGroups());
        var rng = RandomStreams.of(3, RandomStreams.Role.TASKS);
        int[] tasksPerGroup = new int[4];
        for (int t = 0; t < 400; t++) {
            Batch all = tasks.sample(rng).all();
            Set<String> groups = new HashSet<>();
            Set<Integer> classes = new HashSet<>();
            for (int r = 0; r < all.size(); r++) {
                int cls = (int) all.inputs()[r * 4] / 1000;
                classes.add(cls);
                groups.add(pool.group(cls));
            }
            assertEquals(5, classes.size());
            assertEquals(1, groups.size(), "one group a task: " + groups);
            tasksPerGroup[Integer.parseInt(groups.iterator().next().substring("alphabet".length()))]++;
        }
        assertEquals(0, tasksPerGroup[0] + tasksPerGroup[2], "groups smaller than 5 are never drawn");
        // the eligible groups uniformly: 200 each expected, sd 10
        assertTrue(Math.abs(tasksPerGroup[1] - 200) < 50 && Math.abs(tasksPerGroup[3] - 200) < 50,
                java.util.Arrays.toString(tasksPerGroup));
        // the same seed draws the same tasks
        var a = RandomStreams.of(9, RandomStreams.Role.TASKS);
        var b = RandomStreams.of(9, RandomStreams.Role.TASKS);
        assertTrue(java.util.Arrays.equals(tasks.sample(a).all().inputs(), tasks.sample(b).all().inputs()));
    }

    @Test
    void withinGroupsFailsClearlyWithoutGroupsOrWithTooFewClassesInEach() {
        ImageClasses pool = grouped(new int[] {3, 6});
        assertEquals("ways must be in [2, 6] for grouped-within-groups (tasks within one group; its largest group has 6 "
                + "classes), got 7", assertThrows(IllegalArgumentException.class,
                    () -> new ClassificationTasks("grouped", pool, 7, 1).withinGroups()).getMessage());
        assertEquals("tagged-within-groups: its classes have no groups (such as Omniglot's alphabets) to draw tasks within",
                assertThrows(IllegalArgumentException.class, () -> new ClassificationTasks("tagged",
                        SyntheticClasses.tagged(30, 20), 5, 1).withinGroups()).getMessage());
    }
}
