package org.metalearn.learn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.Task;

/**
 * First-order MAML as the official code runs it (docs/paper.md#first-order-maml-in-the-official-code): the same inner loop as Reptile, but the
 * task contributes only the last inner step's change phi_k - phi_{k-1} (-alpha g_k for SGD).
 */
public final class FirstOrderMaml implements MetaAlgorithm {
    private final Tail tail;

    public FirstOrderMaml(Tail tail) {
        this.tail = tail;
    }

    public Tail tail() {
        return tail;
    }

    @Override
    public String describe() {
        return name() + " (tail " + tail + ")";
    }

    @Override
    public String name() {
        return tail.isShared() ? "fomaml" : "fomaml-separate-tail";
    }

    @Override
    public TaskLosses contribution(Learner learner, InnerOptimizer optimizer, float[] theta, Task task,
                                   InnerSettings inner, UniformRandomProvider batchRng, float[] delta) {
        List<Batch> batches = drawBatches(task, tail, inner, batchRng);
        float[] adapted = new float[theta.length];
        return InnerLoop.run(learner, optimizer, theta, batches, adapted, delta);
    }

    /** The k mini-batches: all from the cycling pool (shared tail), or k-1 from the head and the whole tail. */
    static List<Batch> drawBatches(Task task, Tail tail, InnerSettings inner, UniformRandomProvider batchRng) {
        if (tail.isShared()) {
            return TaskBatches.draw(task, inner.batchSize(), inner.steps(), inner.replacement(), batchRng);
        }
        Task.Split split = task.holdOutTail(tail.perClass(), batchRng);
        List<Batch> batches = new ArrayList<>();
        if (inner.steps() > 1) {
            batches.addAll(TaskBatches.draw(split.head(), inner.batchSize(), inner.steps() - 1,
                    inner.replacement(), batchRng));
        }
        batches.add(split.tail().all());
        return batches;
    }
}
