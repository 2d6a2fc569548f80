package org.metalearn.report;

import org.metalearn.learn.IterationReport;
import org.metalearn.learn.TrainingListener;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Records the learning curve as a Tablesaw table: one row per window of {@code every} iterations with the
 * window's mean losses (single iterations are noisy), the outer step size and elapsed seconds.
 */
public final class CurveRecorder implements TrainingListener {
    public static final String ITERATION = "iteration";
    public static final String LOSS = "loss";
    public static final String ADAPTED_LOSS = "adaptedLoss";
    public static final String META_STEP = "metaStep";
    public static final String SECONDS = "seconds";

    private final int every;
    private final Table table;
    private double lossSum;
    private double adaptedSum;
    private int count;

    /** The window that gives about {@code rows} rows over a run of {@code totalIterations}. */
    public static int windowFor(long totalIterations, int rows) {
        return (int) Math.max(1, totalIterations / Math.max(1, rows));
    }

    public CurveRecorder(int every) {
        this(every, null);
    }

    /** Continues the rows of {@code earlier} (a resumed run's curve so far), if not null. */
    public CurveRecorder(int every, Table earlier) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        this.every = every;
        this.table = Table.create("learning curve",
                IntColumn.create(ITERATION), DoubleColumn.create(LOSS), DoubleColumn.create(ADAPTED_LOSS),
                DoubleColumn.create(META_STEP), DoubleColumn.create(SECONDS));
        if (earlier != null) {
            table.append(earlier);
        }
    }

    /** Reads a curve written by {@link #save}. */
    public static Table load(java.nio.file.Path csv) {
        try {
            return Table.read().usingOptions(tech.tablesaw.io.csv.CsvReadOptions.builder(csv.toFile())
                    .columnTypes(new tech.tablesaw.api.ColumnType[] {tech.tablesaw.api.ColumnType.INTEGER,
                        tech.tablesaw.api.ColumnType.DOUBLE, tech.tablesaw.api.ColumnType.DOUBLE,
                        tech.tablesaw.api.ColumnType.DOUBLE, tech.tablesaw.api.ColumnType.DOUBLE}));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("curve: cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    /** Writes the curve so far as CSV, atomically. */
    public void save(java.nio.file.Path csv) {
        org.metalearn.util.AtomicFiles.write(csv, out -> table.write().csv(out));
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
}
