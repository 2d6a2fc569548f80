package org.metalearn.dsl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.metalearn.learn.Checkpoint;
import org.metalearn.learn.InnerSettings;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.LinearSchedule;
import org.metalearn.learn.MetaAlgorithm;
import org.metalearn.learn.MetaState;
import org.metalearn.learn.OuterOptimizer;
import org.metalearn.learn.Trainer;
import org.metalearn.learn.TrainingListener;
import org.metalearn.learn.TaskExecution;
import org.metalearn.learn.TrainingPlan;
import org.metalearn.models.Activation;
import org.metalearn.models.LearnerFactory;
import org.metalearn.report.ConsoleProgress;
import org.metalearn.report.CurveRecorder;
import org.metalearn.tasks.SineTasks;
import org.metalearn.tasks.TaskDistribution;

/**
 * The common steps of every meta-training specification. Each step validates its value (an
 * {@link IllegalArgumentException} naming the field and the allowed range) and returns a new spec;
 * a spec is never changed after it is returned. Unset values take {@link PaperDefaults} at {@link #plan()}.
 *
 * @param <S> the concrete spec type, so each step returns the type that offers the algorithm's own steps
 */
public abstract class TrainingSpec<S extends TrainingSpec<S>> implements Cloneable {
    // Fields are assigned only inside with(...) on a fresh clone, so published specs never change.
    private TaskDistribution tasks;
    private Integer ways;
    private Integer shots;
    private Integer trainShots;
    private Integer innerSteps;
    private Integer innerBatch;
    private boolean replacement;
    private OptimizerChoice optimizer;
    private Integer metaBatch;
    private LinearSchedule metaStep;
    private Long metaIterations;
    private long seed = PaperDefaults.SEED;
    private LearnerFactory model;
    private Activation activation;
    private boolean progress = true;
    private int curveRows = 500;
    private List<TrainingListener> listeners = List.of();
    private boolean outerAdam;
    private Path checkpointFile;
    private int checkpointEvery;
    private TaskExecution execution;
    private int workers;

    /** The algorithm this spec trains with, built from the final settings. */
    protected abstract MetaAlgorithm algorithm();

    /** The task family to meta-learn on (default: {@code sine()}). */
    public S on(TaskDistribution taskDistribution) {
        if (taskDistribution == null) {
            throw new IllegalArgumentException("on: task distribution must not be null");
        }
        return with(s -> s.tasks = taskDistribution);
    }

    /** Classes per task (N-way); classification tasks only. */
    public S ways(int n) {
        requireAtLeast("ways", n, 2);
        return with(s -> s.ways = n);
    }

    /** Support examples per class at evaluation (K-shot); classification tasks only. */
    public S shots(int k) {
        requireAtLeast("shots", k, 1);
        return with(s -> s.shots = k);
    }

    /** Examples per class in a meta-training task (default: shots); classification tasks only. */
    public S trainShots(int k) {
        requireAtLeast("trainShots", k, 1);
        return with(s -> s.trainShots = k);
    }

    /** Optimizer steps per task, k. */
    public S innerSteps(int k) {
        requireAtLeast("innerSteps", k, 1);
        return with(s -> s.innerSteps = k);
    }

    /** Samples per inner mini-batch. */
    public S innerBatch(int size) {
        requireAtLeast("innerBatch", size, 1);
        return with(s -> s.innerBatch = size);
    }

    /** Draw each inner batch independently (default false: cycle through reshuffles, as the paper). */
    public S replacement(boolean withReplacement) {
        return with(s -> s.replacement = withReplacement);
    }

    /** Plain SGD in the inner loop. */
    public S innerSgd(double learningRate) {
        requireRate("innerSgd", learningRate);
        return with(s -> s.optimizer = new OptimizerChoice(OptimizerChoice.Kind.SGD, learningRate));
    }

    /** Adam with beta1 = 0 in the inner loop, state carried across tasks (PAPER.md 1.6). */
    public S innerAdam(double learningRate) {
        requireRate("innerAdam", learningRate);
        return with(s -> s.optimizer = new OptimizerChoice(OptimizerChoice.Kind.ADAM, learningRate));
    }

    /** Tasks per meta-iteration, n. */
    public S metaBatch(int n) {
        requireAtLeast("metaBatch", n, 1);
        return with(s -> s.metaBatch = n);
    }

    /** Outer step size, linearly annealed from {@code start} to {@code end} over the run. */
    public S metaStep(double start, double end) {
        if (!(start >= 0) || Double.isInfinite(start)) {
            throw new IllegalArgumentException("metaStep must be >= 0 and finite, got " + start);
        }
        if (!(end >= 0) || Double.isInfinite(end)) {
            throw new IllegalArgumentException("metaStepFinal must be >= 0 and finite, got " + end);
        }
        return with(s -> s.metaStep = new LinearSchedule(start, end));
    }

    /**
     * Outer loop by Adam on -mean(contribution) with learning rate = the annealed metaStep, instead of the
     * paper's interpolation theta += eps * mean(contribution) (PAPER.md 1.3 allows both for Reptile).
     */
    public S outerAdam() {
        return with(s -> s.outerAdam = true);
    }

    /** The paper's outer loop: theta += eps_i * mean(contribution) (the default except for MAML). */
    public S outerInterpolation() {
        return with(s -> s.outerAdam = false);
    }

    /** Used by specs whose algorithm has other defaults than the paper's Reptile (MAML). */
    protected final void presetOuterAdam(double start, double end) {
        this.outerAdam = true;
        this.metaStep = new LinearSchedule(start, end);
    }

    /** Number of meta-iterations, M. */
    public S metaIterations(long m) {
        if (m < 1) {
            throw new IllegalArgumentException("metaIterations must be >= 1, got " + m);
        }
        return with(s -> s.metaIterations = m);
    }

    /** Seed of every random choice (weights, tasks, batches); same seed, same numbers. */
    public S seed(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("seed must be >= 0, got " + value);
        }
        return with(s -> s.seed = value);
    }

    /** A custom model instead of the task family's default. */
    public S model(LearnerFactory factory) {
        if (factory == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        return with(s -> s.model = factory);
    }

    /** Hidden non-linearity of the default MLP (tanh unless set). */
    public S activation(Activation value) {
        if (value == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        return with(s -> s.activation = value);
    }

    /** Console progress bar on (default) or off. */
    public S progress(boolean show) {
        return with(s -> s.progress = show);
    }

    /** About how many rows the learning-curve table gets (each averages a window of iterations). */
    public S curveRows(int rows) {
        requireAtLeast("curveRows", rows, 1);
        return with(s -> s.curveRows = rows);
    }

    /** An extra subscriber to progress events (e.g. a notebook display). */
    public S listener(TrainingListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        return with(s -> {
            var all = new ArrayList<>(s.listeners);
            all.add(listener);
            s.listeners = List.copyOf(all);
        });
    }

    /**
     * Saves the run's full state to {@code file} every {@code every} iterations and at the end (atomically),
     * with the learning curve beside it ({@code file}.curve.csv); {@link #resume()} continues from it.
     */
    public S checkpoint(Path file, int every) {
        if (file == null) {
            throw new IllegalArgumentException("checkpoint: file must not be null");
        }
        requireAtLeast("checkpointEvery", every, 1);
        return with(s -> {
            s.checkpointFile = file;
            s.checkpointEvery = every;
        });
    }

    /**
     * Runs each meta-batch's tasks at once, one core each (the default when metaBatch > 1): see
     * {@link TaskExecution#PARALLEL} for how the inner optimizer's state is shared. Results do not depend on the
     * number of cores.
     */
    public S parallelTasks() {
        return with(s -> s.execution = TaskExecution.PARALLEL);
    }

    /**
     * Runs the meta-batch's tasks one after another with the inner optimizer's state carried from task to task,
     * exactly as the official code (the default when metaBatch = 1).
     */
    public S sequentialTasks() {
        return with(s -> s.execution = TaskExecution.SEQUENTIAL);
    }

    /** Threads for parallel tasks (default: the machine's cores); changes the speed, never the result. */
    public S workers(int n) {
        requireAtLeast("workers", n, 1);
        return with(s -> s.workers = n);
    }

    /** The validated plain-Java plan these settings describe, defaults filled in. */
    public TrainingPlan plan() {
        TaskDistribution t = tasks();
        checkCombination(t, true);
        // PAPER.md 1.6: training tasks use trainShots if set, else shots
        t = t.shaped(ways, trainShots != null ? trainShots : shots);
        InnerSettings inner = new InnerSettings(
                innerSteps != null ? innerSteps : PaperDefaults.innerSteps(t),
                innerBatch != null ? innerBatch : PaperDefaults.innerBatch(t), replacement);
        OptimizerChoice opt = optimizer != null ? optimizer : PaperDefaults.optimizer(t);
        LinearSchedule schedule = metaStep != null ? metaStep
                : new LinearSchedule(PaperDefaults.metaStep(t), PaperDefaults.META_STEP_FINAL);
        int batch = metaBatch != null ? metaBatch : PaperDefaults.metaBatch(t);
        TaskExecution mode = execution != null ? execution
                : batch > 1 ? TaskExecution.PARALLEL : TaskExecution.SEQUENTIAL;
        int threads = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        return new TrainingPlan(t, model != null ? model : PaperDefaults.model(t, activation), algorithm(),
                opt.supplier(), inner, batch, schedule,
                metaIterations != null ? metaIterations : PaperDefaults.metaIterations(t), seed,
                outerAdam ? OuterOptimizer::adam : OuterOptimizer::interpolation, mode, Math.min(threads, batch));
    }

    /** Meta-trains from scratch (overwriting an earlier checkpoint of this spec) and returns the finished run. */
    public Run train() {
        TrainingPlan plan = plan();
        Trainer trainer = new Trainer(plan);
        return run(trainer, trainer.initialState(), null);
    }

    /**
     * Continues a killed run from its checkpoint (see {@link #checkpoint}); the result is bit-identical to
     * an uninterrupted run. Fails clearly if there is no checkpoint or it belongs to other settings.
     */
    public Run resume() {
        if (checkpointFile == null) {
            throw new IllegalArgumentException("resume: no checkpoint file set; call checkpoint(file, every) first");
        }
        TrainingPlan plan = plan();
        MetaState state = Checkpoint.load(checkpointFile, plan);
        Path curveFile = curveFile();
        return run(new Trainer(plan), state, Files.exists(curveFile) ? CurveRecorder.load(curveFile) : null);
    }

    private Run run(Trainer trainer, MetaState state, tech.tablesaw.api.Table earlierCurve) {
        TrainingPlan plan = trainer.plan();
        CurveRecorder curve = new CurveRecorder(CurveRecorder.windowFor(plan.metaIterations(), curveRows), earlierCurve);
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(curve);
        if (checkpointFile != null) {
            TrainingListener saver = Checkpoint.every(checkpointEvery, checkpointFile, plan, state);
            Path curveFile = curveFile();
            all.add(new TrainingListener() {
                @Override
                public void iteration(IterationReport r) {
                    if (r.iteration() % checkpointEvery == 0) {
                        curve.save(curveFile); // curve first: a checkpoint never points past its curve
                    }
                    saver.iteration(r);
                }

                @Override
                public void finished() {
                    curve.save(curveFile);
                    saver.finished();
                }
            });
        }
        if (progress) {
            all.add(new ConsoleProgress(plan.algorithm().name() + " on " + plan.tasks().name()));
        }
        trainer.train(state, all);
        return new Run(plan, state, curve.table(), shots);
    }

    private Path curveFile() {
        return checkpointFile.resolveSibling(checkpointFile.getFileName() + ".curve.csv");
    }

    /** A readable summary of the settings, defaults resolved. */
    @Override
    public String toString() {
        TrainingPlan p = plan();
        return p.algorithm().name() + " on " + p.tasks().name() + ": innerSteps " + p.inner().steps()
                + ", innerBatch " + p.inner().batchSize() + ", " + (optimizer != null ? optimizer
                : PaperDefaults.optimizer(p.tasks())) + ", metaBatch " + p.metaBatch() + ", metaStep "
                + p.metaStep().start() + " -> " + p.metaStep().end() + ", metaIterations " + p.metaIterations()
                + (outerAdam ? " (outer Adam)" : "") + ", seed " + p.seed();
    }

    private TaskDistribution tasks() {
        return tasks != null ? tasks : new SineTasks();
    }

    /** Checks between fields; run on every step once the task family is known, and at plan(). */
    private void checkCombination(TaskDistribution t) {
        checkCombination(t, false);
    }

    private void checkCombination(TaskDistribution t, boolean atPlan) {
        if (!t.isClassification()) {
            String field = ways != null ? "ways" : shots != null ? "shots" : trainShots != null ? "trainShots" : null;
            if (field != null) {
                throw new IllegalArgumentException(field + ": " + t.name() + " is not a classification task; "
                        + "ways, shots and trainShots apply to classification tasks such as Omniglot");
            }
        }
        boolean shapeKnown = true;
        if (t.isClassification()) {
            t = t.shaped(ways, trainShots != null ? trainShots : shots); // validates ways/shots against the data
            // before ways and shots are both given, the family's default shape says nothing about the pool
            shapeKnown = atPlan || ways != null && (trainShots != null || shots != null);
        }
        if (shapeKnown && innerBatch != null && !replacement && innerBatch > t.poolSize()) {
            throw new IllegalArgumentException("innerBatch must be <= " + t.poolSize() + " (the " + t.name()
                    + " task's sample pool) when sampling without replacement, got " + innerBatch);
        }
    }

    @SuppressWarnings("unchecked")
    protected final S with(Consumer<TrainingSpec<S>> change) {
        try {
            TrainingSpec<S> copy = (TrainingSpec<S>) clone();
            change.accept(copy);
            if (copy.tasks != null) {
                copy.checkCombination(copy.tasks);
            }
            return (S) copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    static void requireAtLeast(String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", got " + value);
        }
    }

    private static void requireRate(String field, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(field + ": learning rate must be > 0 and finite, got " + rate);
        }
    }
}
