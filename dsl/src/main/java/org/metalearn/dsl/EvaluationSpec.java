package org.metalearn.dsl;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.metalearn.eval.FewShotEvaluator;
import org.metalearn.eval.FewShotProtocol;
import org.metalearn.eval.FewShotResult;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.util.RandomStreams;
import tech.tablesaw.api.Table;

/**
 * An immutable few-shot evaluation of a run: {@code run.evaluate().shots(5).transductive(true).tasks(10_000).table()}.
 * Defaults: the paper's protocol (test classes, 50 fine-tuning steps, eval batch 5 up to 5-way else 10,
 * non-transductive, 10,000 tasks, the run's seed).
 */
public final class EvaluationSpec {
    private final Run run;
    private final ClassificationTasks tasks;
    private final int shots;
    private final int iterations;
    private final Integer batch;
    private final boolean transductive;
    private final int taskCount;
    private final boolean onTrainClasses;
    private final boolean progress;

    EvaluationSpec(Run run, ClassificationTasks tasks, int shots) {
        this(run, tasks, shots, FewShotProtocol.PAPER_ITERATIONS, null, false, FewShotProtocol.PAPER_TASKS, false, true);
    }

    private EvaluationSpec(Run run, ClassificationTasks tasks, int shots, int iterations, Integer batch,
                           boolean transductive, int taskCount, boolean onTrainClasses, boolean progress) {
        this.run = run;
        this.tasks = tasks;
        this.shots = shots;
        this.iterations = iterations;
        this.batch = batch;
        this.transductive = transductive;
        this.taskCount = taskCount;
        this.onTrainClasses = onTrainClasses;
        this.progress = progress;
    }

    /** Support images per class (K-shot); at most the images per class minus one (the query). */
    public EvaluationSpec shots(int k) {
        int max = tasks.testClasses().imagesPerClass() - 1;
        if (k < 1 || k > max) {
            throw new IllegalArgumentException("shots must be in [1, " + max + "] (one image per class is the query), got " + k);
        }
        return new EvaluationSpec(run, tasks, k, iterations, batch, transductive, taskCount, onTrainClasses, progress);
    }

    /** Fine-tuning steps per task (paper: 50). */
    public EvaluationSpec iterations(int steps) {
        TrainingSpec.requireAtLeast("evalIterations", steps, 0);
        return new EvaluationSpec(run, tasks, shots, steps, batch, transductive, taskCount, onTrainClasses, progress);
    }

    /** Support images per fine-tuning batch (paper: 5 for 5-way, 10 for 20-way). */
    public EvaluationSpec batch(int size) {
        TrainingSpec.requireAtLeast("evalBatch", size, 1);
        return new EvaluationSpec(run, tasks, shots, iterations, size, transductive, taskCount, onTrainClasses, progress);
    }

    /** Classify a task's queries together (batch-norm statistics shared) instead of one at a time. */
    public EvaluationSpec transductive(boolean value) {
        return new EvaluationSpec(run, tasks, shots, iterations, batch, value, taskCount, onTrainClasses, progress);
    }

    /** Number of tasks to average over (paper: 10,000). */
    public EvaluationSpec tasks(int count) {
        TrainingSpec.requireAtLeast("tasks", count, 1);
        return new EvaluationSpec(run, tasks, shots, iterations, batch, transductive, count, onTrainClasses, progress);
    }

    /** Evaluate on the training classes instead of the held-out test classes. */
    public EvaluationSpec onTrainClasses(boolean value) {
        return new EvaluationSpec(run, tasks, shots, iterations, batch, transductive, taskCount, value, progress);
    }

    public EvaluationSpec progress(boolean show) {
        return new EvaluationSpec(run, tasks, shots, iterations, batch, transductive, taskCount, onTrainClasses, show);
    }

    public FewShotProtocol protocol() {
        int b = batch != null ? batch : (tasks.ways() <= 5 ? 5 : 10);
        return new FewShotProtocol(shots, iterations, b, transductive, taskCount);
    }

    public FewShotResult result() {
        ClassificationTasks source = onTrainClasses ? tasks.onTrainClasses() : tasks.onTestClasses();
        FewShotProtocol protocol = protocol();
        var rng = RandomStreams.of(run.plan().seed(), RandomStreams.Role.EVALUATION);
        if (!progress) {
            return FewShotEvaluator.evaluate(run.learner(), run.state().theta(), run.state().optimizer(), source,
                    protocol, rng, null);
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("evaluate " + source.name())
                .setInitialMax(protocol.tasks()).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .build()) {
            return FewShotEvaluator.evaluate(run.learner(), run.state().theta(), run.state().optimizer(), source,
                    protocol, rng, bar::stepTo);
        }
    }

    /** The result as a one-row Tablesaw table. */
    public Table table() {
        return result().table();
    }
}
