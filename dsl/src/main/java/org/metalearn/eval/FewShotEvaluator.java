package org.metalearn.eval;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.learn.InnerLoop;
import org.metalearn.learn.InnerOptimizer;
import org.metalearn.learn.TaskBatches;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.tasks.Task;
import org.metalearn.util.RandomStreams;
import org.metalearn.util.Workers;

/**
 * The official evaluation (docs/paper.md#evaluation {@code evaluate}): sample N classes with shots+1 images, the first
 * image of each class is its query; fine-tune a copy of the meta-learned weights on the support set with a copy
 * of the optimizer state, classify the queries, and count. The meta state is never touched.
 */
public final class FewShotEvaluator {
    private FewShotEvaluator() {
    }

    /** Optional per-task progress: called with the number of finished tasks. */
    public interface Progress {
        void done(int tasks);
    }

    public static FewShotResult evaluate(Learner prototype, float[] theta, InnerOptimizer optimizer,
                                         ClassificationTasks source, FewShotProtocol protocol,
                                         UniformRandomProvider rng, Progress progress) {
        return evaluate(prototype, theta, optimizer, source, protocol, rng, progress,
                Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * As above on {@code workers} threads, each with its own copy of the learner. Every task draws from its own
     * random stream, seeded in task order from {@code rng}, so the result does not depend on the thread count.
     */
    public static FewShotResult evaluate(Learner prototype, float[] theta, InnerOptimizer optimizer,
                                         ClassificationTasks source, FewShotProtocol protocol,
                                         UniformRandomProvider rng, Progress progress, int workers) {
        long start = System.nanoTime();
        int[] correct = new int[protocol.tasks()];
        long[] seeds = new long[protocol.tasks()];
        for (int t = 0; t < seeds.length; t++) {
            seeds[t] = rng.nextLong();
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        try {
            evaluateAll(prototype, theta, optimizer, source, protocol, progress, workers, seeds, correct, next,
                    finished);
        } catch (CancellationException e) {
            // Stop in a notebook: the tasks are checked one by one, so this is prompt; the interrupt status stays set
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException("evaluation interrupted after " + finished.get()
                    + " of " + seeds.length + " tasks");
            c.initCause(e);
            throw c;
        }
        return FewShotResult.of(source.name(), source.ways(), protocol, correct, (System.nanoTime() - start) / 1e9);
    }

    private static void evaluateAll(Learner prototype, float[] theta, InnerOptimizer optimizer,
                                    ClassificationTasks source, FewShotProtocol protocol, Progress progress,
                                    int workers, long[] seeds, int[] correct, AtomicInteger next,
                                    AtomicInteger finished) {
        Workers.run("evaluation", Math.max(1, Math.min(workers, seeds.length)), worker -> {
            Learner learner = prototype.copy();
            float[] adapted = new float[theta.length];
            for (int t = next.getAndIncrement(); t < seeds.length; t = next.getAndIncrement()) {
                Workers.checkInterrupted("evaluation");
                correct[t] = evaluateTask(learner, theta, optimizer, source, protocol,
                        RandomStreams.fromSeed(seeds[t]), adapted);
                int done = finished.incrementAndGet();
                if (progress != null) {
                    synchronized (progress) {
                        progress.done(done);
                    }
                }
            }
        });
    }

    /** One task: sample, fine-tune a copy, classify the queries; returns the number of correct queries. */
    private static int evaluateTask(Learner learner, float[] theta, InnerOptimizer optimizer, ClassificationTasks source,
                                    FewShotProtocol protocol, UniformRandomProvider rng, float[] adapted) {
        int ways = source.ways();
        int correct = 0;
        Task task = source.sample(rng, protocol.shots() + 1);
        int per = protocol.shots() + 1;
        int[] queryRows = new int[ways];
        int[] supportRows = new int[ways * protocol.shots()];
        int s = 0;
        for (int label = 0; label < ways; label++) {
            queryRows[label] = label * per; // rows are grouped by label; the first one is the query
            for (int j = 1; j < per; j++) {
                supportRows[s++] = label * per + j;
            }
        }
        Task support = task.subset(supportRows);
        int[] predicted = adaptAndPredict(learner, theta, optimizer, support, task.batch(queryRows), ways, protocol,
                rng, adapted);
        for (int label = 0; label < ways; label++) {
            if (predicted[label] == label) {
                correct++;
            }
        }
        return correct;
    }

    /**
     * Fine-tunes a copy of {@code theta} (into {@code adapted}) on the support set with a copy of the optimizer, as
     * the protocol says, and returns the predicted label of every query.
     */
    static int[] adaptAndPredict(Learner learner, float[] theta, InnerOptimizer optimizer, Task support,
                                 Batch queries, int ways, FewShotProtocol protocol, UniformRandomProvider rng,
                                 float[] adapted) {
        if (protocol.iterations() > 0) {
            List<Batch> batches = TaskBatches.draw(support, protocol.batch(), protocol.iterations(), false, rng);
            // a fresh copy of the optimizer per task: the saved state is restored after every task
            InnerLoop.run(learner, optimizer.copy(), theta, batches, adapted, null);
        } else {
            System.arraycopy(theta, 0, adapted, 0, theta.length);
        }
        learner.setParameters(adapted);
        return protocol.transductive() ? predictTogether(learner, queries, ways)
                : predictEach(learner, support.all(), queries, ways);
    }

    /** Transductive: all queries in one batch (batch-norm statistics shared between them). */
    private static int[] predictTogether(Learner learner, Batch queries, int ways) {
        float[] out = learner.predict(queries.inputs(), queries.size());
        int[] labels = new int[queries.size()];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = argmax(out, r * ways, ways);
        }
        return labels;
    }

    /** Non-transductive: each query forwarded after the whole support set, read from the last row. */
    private static int[] predictEach(Learner learner, Batch support, Batch queries, int ways) {
        int width = queries.inputWidth();
        int rows = support.size() + 1;
        float[] in = new float[rows * width];
        System.arraycopy(support.inputs(), 0, in, 0, support.inputs().length);
        int[] labels = new int[queries.size()];
        for (int q = 0; q < labels.length; q++) {
            System.arraycopy(queries.inputs(), q * width, in, support.size() * width, width);
            float[] out = learner.predict(in, rows);
            labels[q] = argmax(out, (rows - 1) * ways, ways);
        }
        return labels;
    }

    private static int argmax(float[] values, int offset, int count) {
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (values[offset + i] > values[offset + best]) {
                best = i;
            }
        }
        return best;
    }
}
