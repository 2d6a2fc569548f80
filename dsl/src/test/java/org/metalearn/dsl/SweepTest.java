package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.sine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.TrainingListener;
import org.metalearn.report.CurveRecorder;
import tech.tablesaw.api.Table;

/**
 * The sweep verb on small sine runs: one row per run with the varied settings and final metrics, finished runs
 * read back with their files untouched, unfinished ones resumed to the table of an uninterrupted sweep, parallel
 * and sequential executors agreeing, the store readable without running, and bad input failing before any run.
 */
class SweepTest {
    static final int ITERATIONS = 40;

    static ReptileSpec base() {
        return meta().reptile().on(sine()).metaIterations(ITERATIONS).seed(5).curveRows(20).evaluateEvery(10, 4)
                .progress(false);
    }

    static Sweep sweep(Path store) {
        return sweep(store, base());
    }

    static Sweep sweep(Path store, ReptileSpec base) {
        return meta().sweep(base).vary(Sweep.algorithms(Sweep.reptile(), Sweep.fomaml()))
                .vary(Sweep.innerSteps(2, 3)).store(store).checkpointEvery(10);
    }

    /** The table without the wall time, every digit. */
    static String withoutTime(Table t) {
        return CrashProbe.csv(t.copy().removeColumns("seconds"));
    }

    /** Every file of the store with its modification time and bytes. */
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

    @Test
    void anEstimateTimesEveryUnfinishedRunAndStoresNothing(@TempDir Path store) throws IOException {
        Sweep sweep = sweep(store).parallel(2);
        SweepEstimate before = sweep.estimate();
        assertEquals(4, before.runs());
        assertEquals(0, before.finished());
        assertEquals(4L * ITERATIONS, before.iterations());
        assertEquals(2, before.atOnce());
        assertTrue(before.seconds() > 0 && before.seconds() < 60, "seconds " + before.seconds());
        assertTrue(before.toString().contains("4 run(s) to train, 160 meta-iterations, 2 at once"), before.toString());
        assertTrue(snapshot(store).isEmpty(), "the estimate wrote " + snapshot(store));
        sweep.run();
        SweepEstimate after = sweep.estimate();
        assertEquals(4, after.finished());
        assertEquals(0L, after.iterations());
        assertEquals(0.0, after.seconds());
        assertEquals("3 d 0 h", SweepEstimate.duration(3 * 86400 + 59));
        assertEquals("90 min", SweepEstimate.duration(5400));
        assertEquals("2 h 30 min", SweepEstimate.duration(9000));
    }

    @Test
    void aSweepHasOneRowPerRunAndARerunTouchesNothing(@TempDir Path store) throws IOException {
        Table first = sweep(store).run();
        assertEquals(4, first.rowCount());
        assertEquals("reptile", first.stringColumn("algorithm").get(0));
        assertEquals("fomaml", first.stringColumn("algorithm").get(2));
        assertEquals(3, first.intColumn("innerSteps").getInt(1));
        assertTrue(first.doubleColumn("evalLoss").min() > 0);
        assertFalse(first.columnNames().contains("accuracy"), "sine has no accuracy");
        assertEquals(4, first.stringColumn("key").unique().size(), "four distinct runs");
        Map<String, String> before = snapshot(store);
        Table again = sweep(store).run();
        assertEquals(CrashProbe.csv(first), CrashProbe.csv(again), "read back, wall time included");
        assertEquals(before, snapshot(store), "no file written, changed or added");
        // the store alone gives the same runs, without running anything
        Table stored = RunStore.at(store).table();
        assertEquals(CrashProbe.csv(first.sortAscendingOn("key")), CrashProbe.csv(stored), "ordered by key");
        String key = first.stringColumn("key").get(0);
        assertEquals(base().resolve().identity().get("evaluateTasks"),
                RunStore.at(store).identity(key).get("evaluateTasks"));
        assertEquals(20, RunStore.at(store).curve(key).rowCount(), "the stored curve");
        Map<String, Table> curves = RunStore.at(store).curves(first, "algorithm", "innerSteps");
        assertEquals(List.of("reptile, 2", "reptile, 3", "fomaml, 2", "fomaml, 3"), List.copyOf(curves.keySet()));
        assertEquals(4, curves.get("fomaml, 3").doubleColumn(CurveRecorder.EVAL_LOSS).isNotMissing().size(),
                "evaluated at 10, 20, 30, 40");
    }

    /** Fails the {@code n}-th run started at iteration {@code at}. */
    private static final class FailRun implements TrainingListener {
        private final AtomicInteger runs = new AtomicInteger();
        private final int n;
        private final long at;
        private volatile boolean failing;

        FailRun(int n, long at) {
            this.n = n;
            this.at = at;
        }

        @Override
        public void started(long first, long total) {
            failing = runs.incrementAndGet() == n;
        }

        @Override
        public void iteration(IterationReport r) {
            if (failing && r.iteration() == at) {
                throw new IllegalStateException("crash");
            }
        }
    }

    @Test
    void aStoppedSweepResumesItsUnfinishedRunAndEqualsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        Table whole = sweep(dir.resolve("whole")).run();
        Path store = dir.resolve("stopped");
        Sweep failing = meta().sweep(base().listener(new FailRun(2, 25)))
                .vary(Sweep.algorithms(Sweep.reptile(), Sweep.fomaml())).vary(Sweep.innerSteps(2, 3)).store(store)
                .checkpointEvery(10);
        assertThrows(IllegalStateException.class, failing::run);
        String firstKey = whole.stringColumn("key").get(0);
        String secondKey = whole.stringColumn("key").get(1);
        assertTrue(RunStore.at(store).finished(firstKey));
        assertFalse(RunStore.at(store).finished(secondKey));
        Map<String, String> firstFiles = snapshot(store.resolve(firstKey));

        AtomicLong resumedFrom = new AtomicLong(-1);
        TrainingListener starts = new TrainingListener() {
            @Override
            public void started(long first, long total) {
                resumedFrom.compareAndSet(-1, first);
            }

            @Override
            public void iteration(IterationReport r) {
            }
        };
        Table rerun = meta().sweep(base().listener(starts)).vary(Sweep.algorithms(Sweep.reptile(), Sweep.fomaml()))
                .vary(Sweep.innerSteps(2, 3)).store(store).checkpointEvery(10).run();
        assertEquals(20, resumedFrom.get(), "the unfinished run continued from its last checkpoint");
        assertEquals(withoutTime(whole), withoutTime(rerun));
        assertEquals(firstFiles, snapshot(store.resolve(firstKey)), "the finished run untouched");
    }

    @Test
    void parallelAndSequentialExecutorsGiveEqualTables(@TempDir Path dir) {
        Table sequential = sweep(dir.resolve("a")).run();
        Table parallel = sweep(dir.resolve("b")).parallel(2).run();
        assertEquals(withoutTime(sequential), withoutTime(parallel));
    }

    @Test
    void badSweepInputFailsClearlyBeforeAnythingRuns(@TempDir Path store) {
        var e = assertThrows(IllegalArgumentException.class, () -> Sweep.innerSteps(1, 0));
        assertEquals("innerSteps must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sweep.metaStep(0.1, Double.NaN));
        assertEquals("metaStep must be >= 0 and finite, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sweep.innerBatch());
        assertEquals("innerBatch: a sweep axis needs >= 1 value, got none", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> meta().sweep(base()).vary(Sweep.innerSteps(1)).vary(Sweep.innerSteps(2)));
        assertTrue(e.getMessage().startsWith("vary: innerSteps is varied twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Sweep.together(Sweep.innerSteps(1, 2), Sweep.metaStep(0.1)));
        assertTrue(e.getMessage().startsWith("together: every axis must have 2 values"), e.getMessage());
        // a combination the resolver refuses (batch beyond the 50-point pool) fails naming the run, before any run
        Path root = store.resolve("runs");
        e = assertThrows(IllegalArgumentException.class,
                () -> meta().sweep(base()).vary(Sweep.innerBatch(10, 60)).store(root).run());
        assertTrue(e.getMessage().startsWith("sweep run 1 {innerBatch=60}: innerBatch must be <= 50"), e.getMessage());
        assertFalse(Files.exists(root), "nothing ran");
        e = assertThrows(IllegalArgumentException.class,
                () -> meta().sweep(base()).vary(Sweep.labels("a", "b")).store(root).run());
        assertTrue(e.getMessage().startsWith("vary: run 0 {label=a} and run 1 {label=b} are the same run"),
                e.getMessage());
        assertFalse(Files.exists(root), "nothing ran");
    }

    @Test
    void aSweepPrintsWhatItWouldRun() {
        String shown = sweep(Path.of("runs-x")).toString();
        assertTrue(shown.startsWith("sweep of reptile on sine"), shown);
        assertTrue(shown.endsWith("algorithm in [reptile, fomaml]; innerSteps in [2, 3], 4 run(s), store runs-x"),
                shown);
    }
}
