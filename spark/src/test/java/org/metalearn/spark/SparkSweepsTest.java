package org.metalearn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.sine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.dsl.ReptileSpec;
import org.metalearn.dsl.RunStore;
import org.metalearn.dsl.Sweep;
import org.metalearn.dsl.SweepProgress;
import org.metalearn.dsl.SweepStatus;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A 2x2 sine sweep on a real local Spark context (two executor threads, every closure and row serialized as on a
 * cluster): the same table as the local executor, every metric bit for bit; a re-run reading finished runs back
 * with their files untouched; a sweep listener on the driver hearing every run once; and a definition that cannot
 * build, or builds another store, on the executor failing with the run named.
 */
class SparkSweepsTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("SparkSweepsTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.speculation", "false");
        sc = new JavaSparkContext(conf);
    }

    @AfterAll
    static void stopSpark() {
        if (sc != null) {
            sc.stop();
        }
    }

    /** SweepTest's cheap sine runs: 40 iterations, evaluated every 10 on 4 tasks. */
    static Sweep sweep(String store) {
        ReptileSpec base = meta().reptile().on(sine()).metaIterations(40).seed(5).curveRows(20).evaluateEvery(10, 4)
                .progress(false);
        return meta().sweep(base).vary(Sweep.algorithms(Sweep.reptile(), Sweep.fomaml()))
                .vary(Sweep.innerSteps(2, 3)).store(Path.of(store)).checkpointEvery(10);
    }

    /** Static, capturing a string only: the lambda serializes without the test instance or a Path. */
    static SweepDefinition definition(String store) {
        return () -> sweep(store);
    }

    @Test
    void sparkGivesTheLocalTableBitForBit(@TempDir Path dir) {
        Table local = sweep(dir.resolve("local").toString()).run();
        Table spark = SparkSweeps.run(sc, definition(dir.resolve("spark").toString()));
        assertEquals(4, spark.rowCount());
        assertEquals(local.columnNames(), spark.columnNames());
        assertEquals(List.of("reptile", "reptile", "fomaml", "fomaml"), spark.stringColumn("algorithm").asList());
        assertEquals(List.of(2, 3, 2, 3), spark.intColumn("innerSteps").asList());
        assertEquals(local.stringColumn("key").asList(), spark.stringColumn("key").asList());
        for (String name : local.columnNames()) {
            if (name.equals("seconds")) {
                continue; // wall time: the only value that differs between repeats of a run
            }
            Column<?> a = local.column(name);
            Column<?> b = spark.column(name);
            for (int r = 0; r < local.rowCount(); r++) {
                if (a instanceof DoubleColumn da) {
                    // exact: the raw bits, not a tolerance
                    assertEquals(Double.doubleToRawLongBits(da.getDouble(r)),
                            Double.doubleToRawLongBits(((DoubleColumn) b).getDouble(r)), name + " row " + r);
                } else {
                    assertEquals(a.getString(r), b.getString(r), name + " row " + r);
                }
            }
        }
        assertTrue(spark.doubleColumn("evalLoss").min() > 0);
    }

    @Test
    void aListenerOnTheDriverHearsEveryRunOnceWhenTheSparkSweepReturns(@TempDir Path dir) {
        SweepDefinition def = definition(dir.resolve("spark").toString());
        SweepProgress live = new SweepProgress();
        Table t = def.get().listener(live).run(SparkSweeps.executor(sc, def));
        SweepStatus s = live.status();
        assertEquals(SweepStatus.State.DONE, s.state());
        assertEquals("4 runs: 4 finished", s.counts());
        assertEquals(Sweep.best(t, "evalLoss").doubleColumn("evalLoss").get(0), s.best().evalLoss());
    }

    @Test
    void aRerunOnSparkReadsFinishedRunsBackAndTouchesNothing(@TempDir Path dir) throws IOException {
        SweepDefinition def = definition(dir.toString());
        Table first = SparkSweeps.run(sc, def);
        Map<String, String> before = snapshot(dir);
        assertEquals(4, before.keySet().stream().filter(f -> f.endsWith("result.txt")).count(), "four runs stored");
        Table again = def.get().run(SparkSweeps.executor(sc, def));
        assertEquals(csv(first), csv(again), "read back, wall time included");
        assertEquals(before, snapshot(dir), "no file written, changed or added");
    }

    @Test
    void aDefinitionThatFailsOnTheExecutorNamesTheRun(@TempDir Path dir) throws IOException {
        String store = dir.toString();
        SweepDefinition noData = () -> {
            if (TaskContext.get() != null) { // on an executor: as a node without the data folder would
                throw new IllegalStateException("no data here");
            }
            return sweep(store);
        };
        SparkException e = assertThrows(SparkException.class, () -> SparkSweeps.run(sc, noData));
        assertTrue(e.getMessage().matches("(?s).*spark sweep run \\d \\{algorithm=\\w+, innerSteps=\\d\\} "
                + "\\(executor driver on host .*\\): the sweep definition failed to build: "
                + "java.lang.IllegalStateException: no data here.*"), e.getMessage());
        assertNothingRan(dir);
    }

    @Test
    void aStoreThatDiffersOnTheExecutorFailsBeforeAnyRun(@TempDir Path dir) throws IOException {
        String driver = dir.resolve("driver").toString();
        String executor = dir.resolve("executor").toString();
        SweepDefinition moving = () -> sweep(TaskContext.get() == null ? driver : executor);
        SparkException e = assertThrows(SparkException.class, () -> SparkSweeps.run(sc, moving));
        assertTrue(e.getMessage().contains("the run store is " + executor + " on the executor but " + driver
                + " on the driver"), e.getMessage());
        assertNothingRan(dir);
    }

    private static void assertNothingRan(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "nothing ran");
        }
    }

    @Test
    void anExecutorRunsOnlyTheSweepItWasMadeFor(@TempDir Path dir) {
        SweepDefinition def = definition(dir.resolve("a").toString());
        Sweep other = sweep(dir.resolve("b").toString());
        var e = assertThrows(IllegalArgumentException.class, () -> other.run(SparkSweeps.executor(sc, def)));
        assertTrue(e.getMessage().startsWith("spark sweep: the executor was made for sweep of reptile on sine"),
                e.getMessage());
        Sweep fewer = sweep(dir.resolve("a").toString()).vary(Sweep.seeds(1, 2));
        assertThrows(IllegalArgumentException.class, () -> fewer.run(SparkSweeps.executor(sc, def)));
    }

    /** A definition class as spark-submit users write one: public, no-argument constructor, absolute store. */
    public static final class TwoRuns implements SweepDefinition {
        static final Path STORE = Path.of("target", "sweep-main-runs").toAbsolutePath();

        @Override
        public Sweep get() {
            return meta().sweep(meta().reptile().on(sine()).metaIterations(40).seed(5).curveRows(20)
                    .evaluateEvery(10, 4).progress(false)).vary(Sweep.innerSteps(2, 3)).store(STORE);
        }
    }

    @Test
    void sweepMainRunsADefinitionClassByName() throws IOException {
        if (Files.exists(TwoRuns.STORE)) {
            try (Stream<Path> old = Files.walk(TwoRuns.STORE)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Table t = SweepMain.run(sc, TwoRuns.class.getName());
        assertEquals(List.of(2, 3), t.intColumn("innerSteps").asList());
        assertTrue(RunStore.at(TwoRuns.STORE).finished(t.stringColumn("key").get(1)));
        var e = assertThrows(IllegalArgumentException.class, () -> SweepMain.definition("java.lang.String"));
        assertEquals("spark sweep: java.lang.String does not implement org.metalearn.spark.SweepDefinition",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SweepMain.definition("com.example.Missing"));
        assertTrue(e.getMessage().startsWith("spark sweep: no class com.example.Missing"), e.getMessage());
    }

    /** Every file under {@code root} with its modification time and bytes. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis() + ":"
                        + Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    /** The table as text, every digit. */
    static String csv(Table t) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", t.columnNames()));
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> cells = new ArrayList<>();
            for (Column<?> c : t.columns()) {
                Object v = c.get(r);
                cells.add(v instanceof Double d ? Double.toString(d) : String.valueOf(v));
            }
            lines.add(String.join(",", cells));
        }
        return String.join("\n", lines);
    }
}
