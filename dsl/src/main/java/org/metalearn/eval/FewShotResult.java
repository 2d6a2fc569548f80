package org.metalearn.eval;

import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Few-shot accuracy over many tasks: the mean over all queries and a 95 % confidence interval from the
 * spread of per-task accuracies (queries of one task share its adaptation, so tasks are the independent unit).
 */
public record FewShotResult(String classes, int ways, FewShotProtocol protocol, long correct, long queries,
                            double ci95, double seconds) {

    public double accuracy() {
        return (double) correct / queries;
    }

    /** Builds the result from per-task correct counts (each task has {@code ways} queries). */
    static FewShotResult of(String classes, int ways, FewShotProtocol protocol, int[] correctPerTask, double seconds) {
        long correct = 0;
        for (int c : correctPerTask) {
            correct += c;
        }
        int t = correctPerTask.length;
        double mean = (double) correct / ((long) t * ways);
        double ss = 0;
        for (int c : correctPerTask) {
            double d = (double) c / ways - mean;
            ss += d * d;
        }
        double sd = t > 1 ? Math.sqrt(ss / (t - 1)) : 0;
        return new FewShotResult(classes, ways, protocol, correct, (long) t * ways, 1.96 * sd / Math.sqrt(t), seconds);
    }

    /** One row: classes, ways, shots, transductive, tasks, accuracy and CI in percent, seconds. */
    public Table table() {
        return Table.create("few-shot accuracy",
                StringColumn.create("classes", classes), IntColumn.create("ways", new int[] {ways}),
                IntColumn.create("shots", new int[] {protocol.shots()}), BooleanColumn.create("transductive", protocol.transductive()),
                IntColumn.create("tasks", new int[] {protocol.tasks()}), DoubleColumn.create("accuracy", 100 * accuracy()),
                DoubleColumn.create("ci95", 100 * ci95), DoubleColumn.create("seconds", seconds));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d-way %d-shot%s on %s classes: %.2f %% +- %.2f (%d tasks, %.1f s)",
                ways, protocol.shots(), protocol.transductive() ? " transductive" : "", classes, 100 * accuracy(),
                100 * ci95, protocol.tasks(), seconds);
    }
}
