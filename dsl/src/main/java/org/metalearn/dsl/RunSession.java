package org.metalearn.dsl;

import static org.metalearn.dsl.Settings.Key;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.metalearn.eval.PeriodicEvaluator;
import org.metalearn.learn.Checkpoint;
import org.metalearn.learn.CheckpointException;
import org.metalearn.learn.CheckpointMismatchException;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.MetaState;
import org.metalearn.learn.Trainer;
import org.metalearn.learn.TrainingInterruptedException;
import org.metalearn.learn.TrainingListener;
import org.metalearn.learn.TrainingPlan;
import org.metalearn.models.Convolutions;
import org.metalearn.models.ModelId;
import org.metalearn.report.ConsoleProgress;
import org.metalearn.report.CurveRecorder;

/**
 * One training session of a resolved spec: owns its side effects, namely the listeners (user's, learning curve,
 * checkpoint writer, console progress) and the checkpoint file. The curve is saved inside the checkpoint, so a
 * resumed run continues it exactly; {@code file}.curve.csv is an export written after each checkpoint.
 */
final class RunSession {
    private final Resolved resolved;
    private final Settings settings;
    private final Path checkpoint;
    /** Iteration of the checkpoint on disk for this session (-1: none yet); named when training is interrupted. */
    private long checkpointAt = -1;
    /** Iteration to stop at (not part of the run's identity); the plan's last unless {@link #stopAt} says. */
    private long stopAt = Long.MAX_VALUE;

    RunSession(Resolved resolved, Settings settings) {
        this.resolved = resolved;
        this.settings = settings;
        this.checkpoint = settings.get(Key.CHECKPOINT);
    }

    /**
     * Makes {@link #train} and {@link #resume} stop at iteration {@code iteration} (capped at the run's budget) and
     * checkpoint there: the run keeps its identity and its full-budget schedule, so resuming it later continues
     * it exactly. The returned run then holds the state and curve at that iteration (or at the checkpoint's, when
     * that is already later).
     */
    RunSession stopAt(long iteration) {
        if (iteration < 1) {
            throw new IllegalArgumentException("stopAt must be >= 1, got " + iteration);
        }
        this.stopAt = iteration;
        return this;
    }

    Run train() {
        Trainer trainer = new Trainer(resolved.plan());
        return run(trainer, trainer.initialState(), newCurve());
    }

    Run resume() {
        if (checkpoint == null) {
            throw new IllegalArgumentException("resume: no checkpoint file set; call checkpoint(file, every) first");
        }
        CurveRecorder curve = newCurve();
        MetaState state;
        try {
            state = Checkpoint.load(checkpoint, resolved.identity(), resolved.plan(), List.of(curve));
        } catch (CheckpointMismatchException e) {
            throw withConvolutionHint(e);
        }
        checkpointAt = state.iteration();
        return run(new Trainer(resolved.plan()), state, curve);
    }

    /**
     * A checkpoint of the same conv net computed the other way (im2col vs oneDNN, which the presets pick by platform
     * and {@code -Dmetalearn.convolutions}) differs only in its model's backend: say how to resume it.
     */
    private static CheckpointException withConvolutionHint(CheckpointMismatchException e) {
        String saved = e.saved("model");
        String current = e.current("model");
        if (saved == null || current == null) {
            return e;
        }
        ModelId savedId = ModelId.parse(saved);
        ModelId currentId = ModelId.parse(current);
        if (Convolutions.of(savedId.backend()) == null || Convolutions.of(currentId.backend()) == null
                || !savedId.sameModelOtherBackend(currentId)) {
            return e;
        }
        return new CheckpointException(e.getMessage() + "\nA conv net's convolutions are part of its model "
                + "(im2col or oneDNN): to resume a checkpoint of the presets' nets made with the other one, start the "
                + "JVM with -D" + Convolutions.PROPERTY + "=im2col or =onednn (./metalearn: METALEARN_JAVA_OPTS).", e);
    }

    /** Whether a checkpoint file exists for this session to resume from. */
    boolean hasCheckpoint() {
        return checkpoint != null && Files.isRegularFile(checkpoint);
    }

    private CurveRecorder newCurve() {
        return new CurveRecorder(resolved.curveWindow(), resolved.duringTraining() != null);
    }

    private Run run(Trainer trainer, MetaState state, CurveRecorder curve) {
        TrainingPlan plan = resolved.plan();
        List<TrainingListener> all = new ArrayList<>(settings.get(Key.LISTENERS, List.<TrainingListener>of()));
        EvaluationSchedule during = resolved.duringTraining();
        if (during != null) { // before the curve: an iteration's evaluation goes into its row
            int workers = settings.get(Key.WORKERS, Runtime.getRuntime().availableProcessors());
            all.add(new PeriodicEvaluator(during.every(), during.factor(), during.tasks(), workers, plan, resolved.evaluation(), state,
                    curve::evaluated));
        }
        all.add(curve); // before the checkpoint writer: a checkpoint at iteration i holds the curve up to i
        if (checkpoint != null) {
            all.add(checkpointWriter(state, curve, settings.get(Key.CHECKPOINT_EVERY)));
        }
        if (settings.get(Key.PROGRESS, true)) {
            all.add(new ConsoleProgress(plan.algorithm().name() + " on " + plan.tasks().name()));
        }
        try {
            trainer.trainUntil(state, all, Math.min(stopAt, plan.metaIterations()));
        } catch (TrainingInterruptedException e) {
            throw checkpoint == null ? e : e.withCheckpoint(checkpointAt);
        }
        if (checkpoint != null && checkpointAt != state.iteration()) { // stopped early between checkpoints
            save(state, curve);
        }
        return new Run(resolved, state, curve.table());
    }

    private TrainingListener checkpointWriter(MetaState state, CurveRecorder curve, int every) {
        return new TrainingListener() {
            @Override
            public void iteration(IterationReport r) {
                if (r.iteration() % every == 0) {
                    save(state, curve);
                }
            }

            @Override
            public void finished() {
                save(state, curve);
            }
        };
    }

    private void save(MetaState state, CurveRecorder curve) {
        Checkpoint.save(checkpoint, resolved.identity(), state, List.of(curve));
        checkpointAt = state.iteration();
        curve.save(checkpoint.resolveSibling(checkpoint.getFileName() + ".curve.csv"));
    }
}
