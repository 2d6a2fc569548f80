package org.metalearn.learn;

import java.util.concurrent.CancellationException;

/**
 * Training stopped because its thread was interrupted (a notebook's Stop button, {@code Future.cancel(true)}).
 * The trainer checks at every meta-iteration boundary, so the meta state holds whole iterations only; the
 * message says where it stopped and, if the run has a checkpoint, from which iteration {@code resume()} goes on.
 */
public final class TrainingInterruptedException extends CancellationException {
    private final long iteration;
    private final long total;
    private final long checkpointIteration;

    /** {@code checkpointIteration}: iteration of the last checkpoint written, or -1 if the run has none. */
    public TrainingInterruptedException(long iteration, long total, long checkpointIteration) {
        super(message(iteration, total, checkpointIteration));
        this.iteration = iteration;
        this.total = total;
        this.checkpointIteration = checkpointIteration;
    }

    /** The same interruption, now knowing the run's last checkpoint. */
    public TrainingInterruptedException withCheckpoint(long checkpointAt) {
        TrainingInterruptedException e = new TrainingInterruptedException(iteration, total, checkpointAt);
        e.initCause(getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    public long iteration() {
        return iteration;
    }

    public long total() {
        return total;
    }

    public long checkpointIteration() {
        return checkpointIteration;
    }

    private static String message(long i, long total, long checkpoint) {
        String at = "training interrupted at iteration " + i + " of " + total;
        if (checkpoint < 0) {
            return at;
        }
        return at + "; resume() continues from the checkpoint at iteration " + checkpoint;
    }
}
