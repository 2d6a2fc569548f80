package org.metalearn.report;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.metalearn.eval.EvaluationPoint;
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
 *
 * <p>With evaluation during training switched on the table has three more columns, filled on the rows of the
 * iterations that were evaluated and empty (missing) on the others: {@code evalLoss} (regression),
 * {@code evalAccuracy} (classification, percent) and {@code evalCi95} (the 95 % interval of the one measured, same
 * unit). An evaluation reaches the recorder before the iteration's row is written (see {@link #evaluated}); the
 * caller makes evaluated iterations row ends (the DSL picks a window that divides the evaluation interval).
 */
public final class CurveRecorder implements TrainingListener, CheckpointPart {
    public static final String ITERATION = "iteration";
    public static final String LOSS = "loss";
    public static final String ADAPTED_LOSS = "adaptedLoss";
    public static final String META_STEP = "metaStep";
    public static final String SECONDS = "seconds";
    public static final String EVAL_LOSS = "evalLoss";
    public static final String EVAL_ACCURACY = "evalAccuracy";
    public static final String EVAL_CI95 = "evalCi95";

    private final int every;
    private final boolean evaluations;
    private Table table;
    /** The evaluation of the iteration about to be reported, or null. */
    private EvaluationPoint pending;
    private double lossSum;
    private double adaptedSum;
    private int count;

    /** The window that gives about {@code rows} rows over a run of {@code totalIterations}. */
    public static int windowFor(long totalIterations, int rows) {
        return (int) Math.max(1, totalIterations / Math.max(1, rows));
    }

    public CurveRecorder(int every) {
        this(every, false);
    }

    /** A recorder with ({@code evaluations} true) or without the evaluation columns. */
    public CurveRecorder(int every, boolean evaluations) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        this.every = every;
        this.evaluations = evaluations;
        this.table = emptyTable();
    }

    private Table emptyTable() {
        Table t = Table.create("learning curve",
                IntColumn.create(ITERATION), DoubleColumn.create(LOSS), DoubleColumn.create(ADAPTED_LOSS),
                DoubleColumn.create(META_STEP), DoubleColumn.create(SECONDS));
        if (evaluations) {
            t.addColumns(DoubleColumn.create(EVAL_LOSS), DoubleColumn.create(EVAL_ACCURACY),
                    DoubleColumn.create(EVAL_CI95));
        }
        return t;
    }

    /** Takes the evaluation of the iteration the trainer reports next; it goes into that iteration's row. */
    public void evaluated(EvaluationPoint point) {
        if (!evaluations) {
            throw new IllegalStateException("this curve was created without evaluation columns");
        }
        pending = point;
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
        boolean rowEnd = r.iteration() % every == 0 || r.iteration() == r.total();
        if (pending != null && (!rowEnd || pending.iteration() != r.iteration())) {
            throw new IllegalStateException("evaluation of iteration " + pending.iteration() + " is not on a curve "
                    + "row (window " + every + ")");
        }
        if (rowEnd) {
            table.intColumn(ITERATION).append((int) r.iteration());
            table.doubleColumn(LOSS).append(lossSum / count);
            table.doubleColumn(ADAPTED_LOSS).append(adaptedSum / count);
            table.doubleColumn(META_STEP).append(r.metaStep());
            table.doubleColumn(SECONDS).append(r.elapsedSeconds());
            if (evaluations) {
                appendEvaluation(table, pending);
            }
            lossSum = 0;
            adaptedSum = 0;
            count = 0;
        }
        pending = null;
    }

    /** Appends an evaluation, or missing values when {@code point} is null. */
    private static void appendEvaluation(Table t, EvaluationPoint point) {
        if (point == null) {
            t.doubleColumn(EVAL_LOSS).appendMissing();
            t.doubleColumn(EVAL_ACCURACY).appendMissing();
            t.doubleColumn(EVAL_CI95).appendMissing();
            return;
        }
        appendOrMissing(t.doubleColumn(EVAL_LOSS), point.loss());
        appendOrMissing(t.doubleColumn(EVAL_ACCURACY), 100 * point.accuracy());
        appendOrMissing(t.doubleColumn(EVAL_CI95), Double.isNaN(point.accuracy()) ? point.ci95() : 100 * point.ci95());
    }

    private static void appendOrMissing(DoubleColumn c, double v) {
        if (Double.isNaN(v)) {
            c.appendMissing();
        } else {
            c.append(v);
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
            if (evaluations) { // Tablesaw's missing double is NaN, which DataOutput round-trips
                out.writeDouble(table.doubleColumn(EVAL_LOSS).getDouble(r));
                out.writeDouble(table.doubleColumn(EVAL_ACCURACY).getDouble(r));
                out.writeDouble(table.doubleColumn(EVAL_CI95).getDouble(r));
            }
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
            if (evaluations) {
                restored.doubleColumn(EVAL_LOSS).append(in.readDouble());
                restored.doubleColumn(EVAL_ACCURACY).append(in.readDouble());
                restored.doubleColumn(EVAL_CI95).append(in.readDouble());
            }
        }
        table = restored;
        lossSum = in.readDouble();
        adaptedSum = in.readDouble();
        count = in.readInt();
    }
}
