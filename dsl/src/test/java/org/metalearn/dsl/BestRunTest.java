package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The best row: highest accuracy, lowest loss, missing values skipped, in a halving table only full-budget runs on
 * a final metric, and a metric that is not an accuracy or loss column fails naming the choices.
 */
class BestRunTest {
    static Table table() {
        return Table.create("t", StringColumn.create("label", "a", "b", "c", "d"),
                DoubleColumn.create("accuracy", 80, 95, Double.NaN, 90),
                DoubleColumn.create("evalLoss", 0.5, 0.2, 0.1, 0.3),
                DoubleColumn.create("accuracy@10", 70, 60, 99, 65));
    }

    @Test
    void highestAccuracyLowestLoss() {
        assertEquals("b", Sweep.best(table(), "accuracy").stringColumn("label").get(0));
        assertEquals("c", Sweep.best(table(), "evalLoss").stringColumn("label").get(0));
        assertEquals(1, Sweep.best(table(), "evalLoss").rowCount());
    }

    @Test
    void inAHalvingTableOnlyFullBudgetRunsCompeteOnAFinalMetric() {
        Table t = table().addColumns(StringColumn.create(SearchTable.STOPPED, "full budget",
                "below the top 1/3 at rung 1", "full budget", "full budget"));
        assertEquals("d", Sweep.best(t, "accuracy").stringColumn("label").get(0));
        assertEquals("c", Sweep.best(t, "accuracy@10").stringColumn("label").get(0));
    }

    @Test
    void aColumnThatIsNoMetricFails() {
        assertEquals("best: metric must be an accuracy or loss column of the table [accuracy, evalLoss, accuracy@10], "
                + "got label", assertThrows(IllegalArgumentException.class,
                        () -> Sweep.best(table(), "label")).getMessage());
        assertEquals("best: metric must be an accuracy or loss column of the table [accuracy, evalLoss, accuracy@10], "
                + "got acc", assertThrows(IllegalArgumentException.class, () -> Sweep.best(table(), "acc"))
                .getMessage());
    }
}
