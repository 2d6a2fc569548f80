package org.metalearn.dsl;

import java.nio.file.Path;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.metalearn.data.omniglot.OneShotRuns;
import org.metalearn.eval.EpisodeEvaluator;
import org.metalearn.eval.FewShotEvaluator;
import org.metalearn.eval.FewShotProtocol;
import org.metalearn.eval.FewShotResult;
import org.metalearn.tasks.ClassificationTasks;
import org.metalearn.tasks.Episode;
import org.metalearn.util.RandomStreams;
import tech.tablesaw.api.Table;

/**
 * An immutable few-shot evaluation of a run: {@code run.evaluate().shots(5).transductive(true).tasks(10_000).table()}.
 * Defaults: the run's preset protocol (its shots, 50 fine-tuning steps, the preset's eval batch, non-transductive,
 * 10,000 tasks on the test classes, the run's seed). {@code onValidationClasses(true)} or {@code onTrainClasses(true)}
 * evaluates on those classes instead.
 */
public final class EvaluationSpec {
    /** Which classes the tasks come from. */
    private enum Classes {
        TEST("test"), VALIDATION("validation"), TRAINING("training");

        final String label;

        Classes(String label) {
            this.label = label;
        }
    }

    private final Run run;
    private final ClassificationTasks tasks;
    private final FewShotProtocol protocol;
    private final Classes classes;
    private final boolean progress;

    EvaluationSpec(Run run, ClassificationTasks tasks, FewShotProtocol protocol) {
        this(run, tasks, protocol, Classes.TEST, true);
    }

    private EvaluationSpec(Run run, ClassificationTasks tasks, FewShotProtocol protocol, Classes classes,
                           boolean progress) {
        this.run = run;
        this.tasks = tasks;
        this.protocol = protocol;
        this.classes = classes;
        this.progress = progress;
    }

    private EvaluationSpec with(int shots, int iterations, int batch, boolean transductive, int count) {
        return new EvaluationSpec(run, tasks, new FewShotProtocol(shots, iterations, batch, transductive, count),
                classes, progress);
    }

    /** Support images per class (K-shot); at most the images per class minus one (the query). */
    public EvaluationSpec shots(int k) {
        int max = tasks.testClasses().imagesPerClass() - 1;
        Rules.inRange("shots", k, 1, max, " (one image per class is the query)");
        return with(k, protocol.iterations(), protocol.batch(), protocol.transductive(), protocol.tasks());
    }

    /** Fine-tuning steps per task (paper: 50). */
    public EvaluationSpec iterations(int steps) {
        Rules.EVAL_ITERATIONS.check(steps);
        return with(protocol.shots(), steps, protocol.batch(), protocol.transductive(), protocol.tasks());
    }

    /** Support images per fine-tuning batch (paper: 5 for Omniglot 5-way, 10 for 20-way). */
    public EvaluationSpec batch(int size) {
        Rules.EVAL_BATCH.check(size);
        return with(protocol.shots(), protocol.iterations(), size, protocol.transductive(), protocol.tasks());
    }

    /** Classify a task's queries together (batch-norm statistics shared) instead of one at a time. */
    public EvaluationSpec transductive(boolean value) {
        return with(protocol.shots(), protocol.iterations(), protocol.batch(), value, protocol.tasks());
    }

    /** Number of tasks to average over (paper: 10,000). */
    public EvaluationSpec tasks(int count) {
        Rules.EVAL_TASKS.check(count);
        return with(protocol.shots(), protocol.iterations(), protocol.batch(), protocol.transductive(), count);
    }

    /** Evaluate on the training classes instead of the held-out test classes. */
    public EvaluationSpec onTrainClasses(boolean value) {
        return new EvaluationSpec(run, tasks, protocol, value ? Classes.TRAINING : Classes.TEST, progress);
    }

    /**
     * Evaluate on the validation classes (Mini-ImageNet's 16, on which the paper tuned its settings) instead of the
     * test classes; an error for a family without validation classes.
     */
    public EvaluationSpec onValidationClasses(boolean value) {
        if (value) {
            tasks.validationClasses(); // fails now, at the step that asked for them
        }
        return new EvaluationSpec(run, tasks, protocol, value ? Classes.VALIDATION : Classes.TEST, progress);
    }

    /** Console progress bar on (default) or off. */
    public EvaluationSpec progress(boolean show) {
        return new EvaluationSpec(run, tasks, protocol, classes, show);
    }

    public FewShotProtocol protocol() {
        return protocol;
    }

    public FewShotResult result() {
        ClassificationTasks source = switch (classes) {
            case TEST -> tasks.onTestClasses();
            case VALIDATION -> tasks.onValidationClasses();
            case TRAINING -> tasks.onTrainClasses();
        };
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

    /**
     * Error rates on fixed episodes read from {@code folder}, in the layout of Omniglot's one-shot runs
     * ({@link OneShotRuns}): each adapted with this evaluation's fine-tuning steps, batch and transductive setting
     * (shots and task count come from the episodes); one row per episode and a last row with their mean.
     */
    public Table episodes(Path folder) {
        List<Episode> episodes = OneShotRuns.read(folder);
        for (Episode e : episodes) {
            if (e.ways() != tasks.ways()) {
                throw new IllegalArgumentException("episodes: " + e.name() + " is " + e.ways() + "-way but this run's "
                        + "model is " + tasks.ways() + "-way; train with ways(" + e.ways() + ")");
            }
            if (protocol.iterations() > 0 && protocol.batch() > e.support().size()) {
                throw new IllegalArgumentException("evalBatch must be in [1, " + e.support().size() + "] for "
                        + e.name() + " (its support images), got " + protocol.batch());
            }
        }
        var rng = RandomStreams.of(run.plan().seed(), RandomStreams.Role.EVALUATION);
        return EpisodeEvaluator.evaluate(run.learner(), run.state().theta(), run.state().optimizer(), episodes,
                protocol, rng);
    }

    /** The result as a one-row Tablesaw table. */
    public Table table() {
        return result().table();
    }

    /** What {@link #result()} would evaluate. */
    @Override
    public String toString() {
        return "evaluation of " + run + ": " + protocol.shots() + "-shot, " + protocol.iterations() + " steps of "
                + protocol.batch() + ", " + (protocol.transductive() ? "transductive" : "one query at a time") + ", "
                + protocol.tasks() + " tasks on the " + classes.label + " classes";
    }
}
