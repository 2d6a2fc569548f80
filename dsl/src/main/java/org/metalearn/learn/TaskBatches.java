package org.metalearn.learn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.MiniBatches;
import org.metalearn.tasks.Task;

/** Cuts a task's pool into the inner loop's mini-batches. */
public final class TaskBatches {
    private TaskBatches() {
    }

    public static List<Batch> draw(Task task, int batchSize, int count, boolean replacement, UniformRandomProvider rng) {
        int[][] indices = MiniBatches.draw(task.size(), batchSize, count, replacement, rng);
        List<Batch> batches = new ArrayList<>(count);
        for (int[] b : indices) {
            batches.add(task.batch(b));
        }
        return batches;
    }
}
