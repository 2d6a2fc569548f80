package org.metalearn.dsl;

import static org.metalearn.dsl.Settings.Key;

import java.nio.file.Path;
import org.metalearn.learn.TaskExecution;
import org.metalearn.learn.TrainingListener;

/**
 * The steps of a spec that say how a run executes and reports, not what it learns: progress, listeners,
 * checkpoints, threads, evaluation during training and its protocol (the trained parameters are the same either way).
 * Holds the immutable {@link Settings}; every step returns a new spec (the old one never changes).
 *
 * @param <S> the concrete spec type, so each step returns the type that offers the algorithm's own steps
 */
public abstract class SpecBase<S extends SpecBase<S>> implements Cloneable {
    private Settings settings;

    SpecBase(Settings settings) {
        this.settings = settings;
    }

    final Settings settings() {
        return settings;
    }

    /** A copy of this spec with {@code key} set to {@code value} (already checked). */
    @SuppressWarnings("unchecked")
    final S with(Key key, Object value) {
        return copy(settings.with(key, value));
    }

    @SuppressWarnings("unchecked")
    private S copy(Settings changed) {
        try {
            SpecBase<S> copy = (SpecBase<S>) clone();
            copy.settings = changed;
            return (S) copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** Console progress bar on (default) or off. */
    public S progress(boolean show) {
        return with(Key.PROGRESS, show);
    }

    /** About how many rows the learning-curve table gets (each averages a window of iterations; default 500). */
    public S curveRows(int rows) {
        return with(Key.CURVE_ROWS, Rules.CURVE_ROWS.check(rows));
    }

    /** An extra subscriber to progress events (e.g. a notebook's live progress display). */
    public S listener(TrainingListener listener) {
        return copy(settings.adding(Key.LISTENERS, Rules.LISTENER.check(listener)));
    }

    /**
     * Saves the run's full state (weights, optimizer state, random streams, learning curve) to {@code file} every
     * {@code every} iterations and at the end, atomically; the curve is also exported beside it as
     * {@code file}.curve.csv. {@code resume()} continues from the file; a file of other settings is refused.
     */
    public S checkpoint(Path file, int every) {
        Rules.CHECKPOINT.check(file);
        return with(Key.CHECKPOINT, file).with(Key.CHECKPOINT_EVERY, Rules.CHECKPOINT_EVERY.check(every));
    }

    /** Runs a meta-batch's tasks at once, one core each (the default when metaBatch > 1; see TaskExecution). */
    public S parallelTasks() {
        return with(Key.EXECUTION, TaskExecution.PARALLEL);
    }

    /** Runs a meta-batch's tasks one after another, optimizer state carried over, exactly as the official code. */
    public S sequentialTasks() {
        return with(Key.EXECUTION, TaskExecution.SEQUENTIAL);
    }

    /** Threads for parallel tasks (default: the machine's cores); changes the speed, never the result. */
    public S workers(int n) {
        return with(Key.WORKERS, Rules.WORKERS.check(n));
    }

    /**
     * Evaluates the meta-parameters on {@code tasks} new test tasks every {@code every} meta-iterations and after
     * the last one, and records the result in the learning curve ({@code evalAccuracy} for classification, with
     * the run's evaluation protocol; {@code evalLoss}, the MSE after the run's inner loop, for regression; and
     * {@code evalCi95}). Uses its own random stream and copies of the weights, so training is unchanged; the
     * same test tasks at every evaluation. The curve's window becomes a divisor of {@code every}, so each
     * evaluation lands on a curve row.
     */
    public S evaluateEvery(int every, int tasks) {
        Rules.EVALUATE_EVERY.check(every);
        return with(Key.EVALUATE_EVERY, new EvaluationSchedule(every, Rules.EVALUATE_TASKS.check(tasks)));
    }

    /**
     * As {@link #evaluateEvery} at meta-iterations {@code first}, {@code first * factor}, {@code first * factor^2},
     * ... (those at least a factor sqrt(factor) short of the end) and after the last one: a curve with log-spaced
     * points, and what a halving search evaluates by default (its rungs, {@code first} its {@code minIterations} and
     * {@code factor} its eta), so that a run pays for a few evaluations, not one every {@code first} meta-iterations.
     */
    public S evaluateGeometric(int first, int factor, int tasks) {
        Rules.EVALUATE_EVERY.check(first);
        Rules.EVALUATE_FACTOR.check(factor);
        return with(Key.EVALUATE_EVERY, new EvaluationSchedule(first, Rules.EVALUATE_TASKS.check(tasks), factor));
    }

    /**
     * Fine-tuning of the run's few-shot evaluation (classification): {@code iterations} steps on batches of
     * {@code batch} support images (preset: 50 steps of 5, or 10 for 20-way; Figure 3's runs use 5 of 25). Used by
     * {@code evaluateEvery}, by sweeps and as the default of {@code run.evaluate()}.
     */
    public S evalProtocol(int iterations, int batch) {
        Rules.EVAL_ITERATIONS.check(iterations);
        return with(Key.EVAL_PROTOCOL, new FineTuning(iterations, Rules.EVAL_BATCH.check(batch)));
    }
}
