package org.metalearn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.sine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.dsl.ReptileSpec;
import org.metalearn.dsl.Sweep;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.TrainingListener;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A halving search on a real local Spark context (executor threads, every closure and row serialized as on a
 * cluster), 9 sampled sine runs with rungs at 4, 12 and 36 meta-iterations: with one slot its table is the local
 * search's, every metric bit for bit, each rung a Spark task, and a re-run replays the journal without a task; with
 * two slots two rungs train at once and every rung result still equals the local search's; a search of another
 * sweep is refused before anything runs, and a rung failing on an executor names the run, the rung and the host.
 */
class SparkHalvingTest {
    static final int ITERATIONS = 36;

    /** Sampled like the library's HalvingSearchTest; {@code slow} sleeps at every session start (not part of a run). */
    static Sweep sweep(String store, boolean slow) {
        ReptileSpec base = meta().reptile().on(sine()).metaIterations(ITERATIONS).seed(5).evaluateEvery(4, 6)
                .progress(false);
        if (slow) {
            base = base.listener(new TrainingListener() {
                @Override
                public void started(long first, long total) {
                    try {
                        Thread.sleep(150);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void iteration(IterationReport report) {
                }
            });
        }
        return meta().sweep(base).vary(Sweep.sample(9, 2, Sweep.logUniform("innerSgd", 0.003, 0.1),
                Sweep.integers("innerSteps", 1, 4))).store(Path.of(store)).checkpointEvery(5);
    }

    static SweepDefinition definition(String store, boolean slow) {
        return () -> sweep(store, slow);
    }

    /** A local Spark context with 2 executor threads; {@code slots} > 0 sets spark.default.parallelism. */
    static void withSpark(int slots, SparkBody body) throws Exception {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("SparkHalvingTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.speculation", "false");
        if (slots > 0) {
            conf.set("spark.default.parallelism", String.valueOf(slots));
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            body.accept(sc);
        }
    }

    interface SparkBody {
        void accept(JavaSparkContext sc) throws Exception;
    }

    /** Counts the tasks that ran and the most that ran at once. */
    static final class Tasks extends SparkListener {
        final AtomicInteger ended = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            running.decrementAndGet();
            ended.incrementAndGet();
        }
    }

    @Test
    void oneSlotGivesTheLocalSearchTableBitForBitAndARerunReplaysItsJournal(@TempDir Path dir) throws Exception {
        Table local = sweep(dir.resolve("local").toString(), false).halving(3, 4).run();
        String store = dir.resolve("spark").toString();
        SweepDefinition def = definition(store, false);
        withSpark(1, sc -> {
            Tasks tasks = new Tasks();
            sc.sc().addSparkListener(tasks);
            Table spark = SparkSweeps.halving(sc, def, 3, 4);
            assertSameBits(local, spark);
            Table history = def.get().halving(3, 4).history();
            sc.sc().listenerBus().waitUntilEmpty();
            assertEquals(history.rowCount(), tasks.ended.get(), "every rung result is one Spark task");
            assertEquals(1, tasks.most.get(), "one slot");
            var before = SparkSweepsTest.snapshot(Path.of(store));
            Table again = def.get().halving(3, 4).run(SparkSweeps.executor(sc, def));
            sc.sc().listenerBus().waitUntilEmpty();
            assertEquals(SparkSweepsTest.csv(spark), SparkSweepsTest.csv(again), "replayed, wall time included");
            assertEquals(history.rowCount(), tasks.ended.get(), "no task: the journal holds every result");
            assertEquals(before, SparkSweepsTest.snapshot(Path.of(store)), "no file written");
        });
    }

    @Test
    void twoSlotsTrainTwoRungsAtOnceAndEveryRungEqualsTheLocalSearchs(@TempDir Path dir) throws Exception {
        Table local = sweep(dir.resolve("local").toString(), false).halving(3, 4).run();
        withSpark(0, sc -> {
            Tasks tasks = new Tasks();
            sc.sc().addSparkListener(tasks);
            Table spark = SparkSweeps.halving(sc, definition(dir.resolve("spark").toString(), true), 3, 4);
            sc.sc().listenerBus().waitUntilEmpty();
            assertEquals(2, tasks.most.get(), "local[2]: two rungs at once");
            assertEquals(9, spark.rowCount());
            assertEquals(local.stringColumn("key").asList(), spark.stringColumn("key").asList());
            assertTrue(spark.stringColumn("stopped").countOccurrences("full budget") >= 1, spark.toString());
            int compared = 0;
            // the promotions may differ with two at once; a run's result at a rung never does
            for (String rung : List.of("evalLoss@4", "evalLoss@12", "evalLoss@36")) {
                for (int r = 0; r < 9; r++) {
                    double a = local.doubleColumn(rung).getDouble(r);
                    double b = spark.doubleColumn(rung).getDouble(r);
                    if (!Double.isNaN(a) && !Double.isNaN(b)) {
                        assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b), rung + " row " + r);
                        compared++;
                    }
                }
            }
            assertTrue(compared >= 9 + 1, "every run's first rung and more compared, got " + compared);
        });
    }

    @Test
    void aSearchOfAnotherSweepIsRefusedAndAFailingRungNamesRunRungAndHost(@TempDir Path dir) throws Exception {
        withSpark(0, sc -> {
            Path a = dir.resolve("a");
            SweepDefinition def = definition(a.toString(), false);
            var e = assertThrows(IllegalArgumentException.class, () -> sweep(dir.resolve("b").toString(), false)
                    .halving(3, 4).run(SparkSweeps.executor(sc, def)));
            assertTrue(e.getMessage().startsWith("spark sweep: the executor was made for sweep of reptile on sine"),
                    e.getMessage());
            Sweep longer = meta().sweep(meta().reptile().on(sine()).metaIterations(72).seed(5).evaluateEvery(4, 6)
                    .progress(false)).vary(Sweep.sample(9, 2, Sweep.logUniform("innerSgd", 0.003, 0.1),
                    Sweep.integers("innerSteps", 1, 4))).store(a).checkpointEvery(5);
            assertThrows(IllegalArgumentException.class, () -> longer.halving(3, 4).run(SparkSweeps.executor(sc,
                    def)), "other budgets: other rungs");
            assertFalse(Files.exists(a), "nothing ran or was written");
            assertEquals(new SweepMain.Halving(3, 100), SweepMain.Halving.parse("3", "100"));
            assertEquals("--halving takes two whole numbers, eta (>= 2) and minIterations (>= 1), got '3' '1e3'",
                    assertThrows(IllegalArgumentException.class, () -> SweepMain.Halving.parse("3", "1e3"))
                            .getMessage());

            String store = dir.resolve("failing").toString();
            SweepDefinition noData = () -> {
                if (TaskContext.get() != null) { // on an executor: as a node without the data folder would
                    throw new IllegalStateException("no data here");
                }
                return sweep(store, false);
            };
            // one line naming the rung, Spark's report as its cause
            var f = assertThrows(IllegalStateException.class, () -> SparkSweeps.halving(sc, noData, 3, 4));
            assertTrue(f.getCause() instanceof SparkException, String.valueOf(f.getCause()));
            assertTrue(f.getMessage().matches("spark sweep run \\d \\{innerSgd=[0-9.E-]+, innerSteps=\\d\\} "
                    + "to meta-iteration 4 \\(executor driver on host .*\\): the sweep definition failed to build: "
                    + "java.lang.IllegalStateException: no data here"), f.getMessage());
        });
    }

    /** Every column but {@code seconds}, doubles by their bits. */
    static void assertSameBits(Table local, Table spark) {
        assertEquals(local.columnNames(), spark.columnNames());
        assertEquals(local.rowCount(), spark.rowCount());
        for (String name : local.columnNames()) {
            if (name.equals("seconds")) {
                continue; // wall time
            }
            Column<?> a = local.column(name);
            Column<?> b = spark.column(name);
            for (int r = 0; r < local.rowCount(); r++) {
                if (a instanceof DoubleColumn da) {
                    assertEquals(Double.doubleToRawLongBits(da.getDouble(r)),
                            Double.doubleToRawLongBits(((DoubleColumn) b).getDouble(r)), name + " row " + r);
                } else {
                    assertEquals(a.getString(r), b.getString(r), name + " row " + r);
                }
            }
        }
    }
}
