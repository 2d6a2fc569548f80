package org.metalearn.report;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.metalearn.learn.CheckpointPart;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.TrainingListener;
import org.metalearn.util.AtomicFiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Records the learning curve as a Tablesaw table: one row per window of {@code every} iterations with the
 * window's mean losses (single iterations are noisy), the outer step size and elapsed seconds. It is part of a
 * run's checkpoint, half-filled window included, so a resumed run's curve equals an uninterrupted one's.
 */
public final class CurveRecorder implements TrainingListener, CheckpointPart {
    public static final String ITERATION = "iteration";
    public static final String LOSS = "loss";
    public static final String ADAPTED_LOSS = "adaptedLoss";
    public static final String META_STEP = "metaStep";
    public static final String SECONDS = "seconds";

    private final int every;
    private Table table;
    private double lossSum;
    private double adaptedSum;
    private int count;

    /** The window that gives about {@code rows} rows over a run of {@code totalIterations}. */
    public static int windowFor(long totalIterations, int rows) {
        return (int) Math.max(1, totalIterations / Math.max(1, rows));
    }

    public CurveRecorder(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        this.every = every;
        this.table = emptyTable();
    }

    private static Table emptyTable() {
        return Table.create("learning curve",
                IntColumn.create(ITERATION), DoubleColumn.create(LOSS), DoubleColumn.create(ADAPTED_LOSS),
                DoubleColumn.create(META_STEP), DoubleColumn.create(SECONDS));
    }

    /** Writes the curve so far as CSV, atomically (an export for users; resuming reads the checkpoint). */
    public void save(Path csv) {
        AtomicFiles.write(csv, out -> table.write().csv(out));
    }

    @Override
    public void iteration(IterationReport r) {
        lossSum += r.loss();
        adaptedSum += r.adaptedLoss();
        count++;
        if (r.iteration() % every == 0 || r.iteration() == r.total()) {
            table.intColumn(ITERATION).append((int) r.iteration());
            table.doubleColumn(LOSS).append(lossSum / count);
            table.doubleColumn(ADAPTED_LOSS).append(adaptedSum / count);
            table.doubleColumn(META_STEP).append(r.metaStep());
            table.doubleColumn(SECONDS).append(r.elapsedSeconds());
            lossSum = 0;
            adaptedSum = 0;
            count = 0;
        }
    }

    /** The curve so far (a copy). */
    public Table table() {
        return table.copy();
    }

    @Override
    public String partName() {
        return "curve";
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(every);
        out.writeInt(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            out.writeInt(table.intColumn(ITERATION).getInt(r));
            out.writeDouble(table.doubleColumn(LOSS).getDouble(r));
            out.writeDouble(table.doubleColumn(ADAPTED_LOSS).getDouble(r));
            out.writeDouble(table.doubleColumn(META_STEP).getDouble(r));
            out.writeDouble(table.doubleColumn(SECONDS).getDouble(r));
        }
        out.writeDouble(lossSum);
        out.writeDouble(adaptedSum);
        out.writeInt(count);
    }

    @Override
    public void read(DataInputStream in) throws IOException {
        int savedEvery = in.readInt();
        if (savedEvery != every) {
            throw new IOException("curve window " + savedEvery + " in the checkpoint, " + every + " in this run");
        }
        int rows = in.readInt();
        if (rows < 0) {
            throw new IOException("implausible curve length " + rows);
        }
        Table restored = emptyTable();
        for (int r = 0; r < rows; r++) {
            restored.intColumn(ITERATION).append(in.readInt());
            restored.doubleColumn(LOSS).append(in.readDouble());
            restored.doubleColumn(ADAPTED_LOSS).append(in.readDouble());
            restored.doubleColumn(META_STEP).append(in.readDouble());
            restored.doubleColumn(SECONDS).append(in.readDouble());
        }
        table = restored;
        lossSum = in.readDouble();
        adaptedSum = in.readDouble();
        count = in.readInt();
    }
}
