package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.sine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The live sweep display's model: counts, the best so far and the time left from made-up events on a fake clock,
 * and that real sweeps and halving searches drive it (each run training before it is reached, read back from the
 * store on a re-run, the final counts and best equal to the table's).
 */
class SweepProgressTest {
    private final AtomicLong now = new AtomicLong();
    private final SweepProgress progress = new SweepProgress(now::get);

    private void at(double seconds) {
        now.set((long) (seconds * 1e9));
    }

    private static SweepRow loss(double evalLoss, Object innerSgd) {
        return new SweepRow("k", Map.of("innerSgd", innerSgd), Double.NaN, evalLoss, 0.01, 0.5, 0, 0);
    }

    private static SweepRow accuracy(double accuracy) {
        return new SweepRow("k", Map.of("innerSteps", 5), accuracy, Double.NaN, 1, 0.5, 0, 0);
    }

    private static SweepListener.Plan halving9() {
        return new SweepListener.Plan(Collections.nCopies(9, new long[] {10, 30, 90}), 3);
    }

    @Test
    void countsBestAndTimeLeftOfAHalvingSearchFromMadeUpEvents() {
        progress.started(halving9()); // planned: 9 x 10 + 3 x 20 + 1 x 60 = 210 meta-iterations
        assertEquals(210, SweepProgress.plannedWork(halving9().rungs(), 3));
        SweepStatus s = progress.status();
        assertEquals("9 runs: 0 at full budget, 9 not started", s.counts());
        assertEquals("best: none yet", s.bestText());
        assertEquals("0:00:00 elapsed, ETA ?", s.timeText());
        progress.training(0, 0);
        progress.training(1, 0);
        at(10);
        progress.reached(0, 0, loss(0.8, 0.01), false);
        progress.reached(1, 0, loss(0.5, 0.02), false);
        progress.training(2, 0);
        s = progress.status();
        assertEquals("9 runs: 0 at full budget, 1 training, 2 stopped early, 6 not started", s.counts());
        assertEquals("best evalLoss 0.5000 at rung 1 (innerSgd 0.0200)", s.bestText());
        // 20 of 210 done in 10 s: 190 left at 2 per second
        assertEquals(95, s.etaSeconds(), 1e-9);
        assertEquals("0:00:10 elapsed, ETA 0:01:35", s.timeText());
        assertEquals(20.0 / 210, s.fraction(), 1e-12);
        assertEquals(List.of(2, 0, 0), s.reached());
        assertEquals("rungs reached: 2 at 10, 0 at 30, 0 at 90 meta-iterations", s.rungsText());

        progress.reached(2, 0, loss(0.9, 0.03), false);
        progress.training(1, 1);
        at(20);
        progress.reached(1, 1, loss(0.7, 0.02), false); // a higher rung's result is the best until one is at budget
        assertEquals("best evalLoss 0.7000 at rung 2 (innerSgd 0.0200)", progress.status().bestText());
        progress.training(1, 2);
        progress.reached(1, 2, loss(0.9, 0.02), false);
        progress.reached(0, 1, loss(0.3, 0.01), false);
        assertEquals("best evalLoss 0.9000 (innerSgd 0.0200)", progress.status().bestText(),
                "a full-budget result beats any rung's");
        s = progress.status();
        assertEquals("9 runs: 1 at full budget, 2 stopped early, 6 not started", s.counts());
        progress.finished(true);
        at(99); // the clock stops with the search
        s = progress.status();
        assertEquals(SweepStatus.State.DONE, s.state());
        assertEquals("done in 0:00:20", s.timeText());
        assertEquals(1.0, s.fraction());
        assertTrue(s.line().startsWith("9 runs: 1 at full budget, 2 stopped early, 6 not started · best evalLoss"),
                s.line());
    }

    @Test
    void resultsReadBackCountAsDoneNotAsSpeedAndAStoppedSweepSaysSo() {
        progress.started(SweepListener.Plan.sweep(List.of(100L, 100L, 100L, 100L)));
        progress.reached(0, 0, accuracy(80), true);
        progress.reached(1, 0, accuracy(90), true);
        progress.training(2, 0);
        at(50);
        SweepStatus s = progress.status();
        assertEquals("4 runs: 2 finished, 1 training, 1 not started", s.counts());
        assertEquals(Double.NaN, s.etaSeconds(), "nothing trained yet: no rate");
        progress.reached(2, 0, accuracy(85), false);
        s = progress.status();
        assertEquals(50, s.etaSeconds(), 1e-9, "100 iterations in 50 s, 100 left");
        assertEquals("best accuracy 90.00 % (innerSteps 5)", s.bestText());
        assertEquals(0.75, s.fraction(), 1e-12);
        assertTrue(!s.line().contains("rungs"), "a plain sweep has no rungs line: " + s.line());
        progress.finished(false);
        assertEquals("stopped after 0:00:50 (run it again to resume)", progress.status().timeText());
    }

    @Test
    void aDivergedRunIsNeverTheBest() {
        progress.started(SweepListener.Plan.sweep(List.of(10L, 10L)));
        progress.reached(0, 0, loss(Double.NaN, 0.1), false);
        assertNull(progress.status().best());
        SweepRow fine = loss(2.0, 0.01);
        progress.reached(1, 0, fine, false);
        assertSame(fine, progress.status().best());
    }

    @Test
    void asynchronousPromotionsBeyondThePlanGrowTheEstimate() {
        progress.started(new SweepListener.Plan(Collections.nCopies(3, new long[] {10, 30}), 3));
        for (int run = 0; run < 3; run++) {
            progress.reached(run, 0, loss(1, 0.1), false);
        }
        progress.training(0, 1);
        progress.training(1, 1); // planned: one of three goes on; a second was promoted early
        at(10);
        SweepStatus s = progress.status();
        assertEquals(40, s.etaSeconds() * 3, 1e-9, "the two running rungs, 40 iterations at 3 per second");
    }

    /** Records the events of a real sweep. */
    private static class Recorder implements SweepListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void started(Plan plan) {
            events.add("started " + plan.rungs().size() + " eta " + plan.eta());
        }

        @Override
        public void training(int run, int level) {
            events.add("training " + run + " " + level);
        }

        @Override
        public void reached(int run, int level, SweepRow row, boolean stored) {
            events.add((stored ? "stored " : "reached ") + run + " " + level);
        }

        @Override
        public void finished(boolean completed) {
            events.add("finished " + completed);
        }
    }

    @Test
    void aRealSweepDrivesItRunByRunAndARerunReadsBack(@TempDir Path store) {
        Recorder first = new Recorder();
        SweepProgress live = new SweepProgress();
        Sweep sweep = meta().sweep(meta().reptile().on(sine()).metaIterations(12).seed(3).progress(false))
                .vary(Sweep.innerSteps(1, 2, 3)).store(store).parallel(2);
        Table t = sweep.listener(first).listener(live).run();
        assertEquals("started 3 eta 0", first.events.get(0));
        assertEquals("finished true", first.events.get(first.events.size() - 1));
        for (int run = 0; run < 3; run++) {
            int training = first.events.indexOf("training " + run + " 0");
            assertTrue(training > 0 && first.events.indexOf("reached " + run + " 0") > training, first.events.toString());
        }
        assertEquals(8, first.events.size(), first.events.toString());
        SweepStatus s = live.status();
        assertEquals("3 runs: 3 finished", s.counts());
        assertEquals(Sweep.best(t, "evalLoss").doubleColumn("evalLoss").get(0), s.best().evalLoss());
        assertTrue(s.timeText().startsWith("done in "), s.timeText());

        Recorder again = new Recorder();
        sweep.listener(again).run();
        List<String> e = again.events;
        assertEquals(5, e.size(), e.toString());
        assertEquals(List.of("started 3 eta 0", "finished true"), List.of(e.get(0), e.get(4)));
        assertEquals(List.of("stored 0 0", "stored 1 0", "stored 2 0"), e.subList(1, 4).stream().sorted().toList(),
                "read back, nothing trained");
    }

    @Test
    void aHalvingSearchDrivesItRungByRungAndItsEndMatchesTheTable(@TempDir Path store) {
        Recorder events = new Recorder();
        SweepProgress live = new SweepProgress();
        Table t = HalvingSearchTest.sweep(store).parallel(2).listener(events).listener(live).halving(3, 4).run();
        int rungs = 0;
        for (String column : List.of("evalLoss@4", "evalLoss@12", "evalLoss@36")) {
            rungs += t.doubleColumn(column).removeMissing().size();
        }
        assertEquals(rungs, events.events.stream().filter(e -> e.startsWith("training ")).count());
        assertEquals(rungs, events.events.stream().filter(e -> e.startsWith("reached ")).count());
        SweepStatus s = live.status();
        int full = t.stringColumn("stopped").countOccurrences("full budget");
        assertEquals("9 runs: " + full + " at full budget, " + (9 - full) + " stopped early", s.counts());
        assertEquals(List.of(9, t.doubleColumn("evalLoss@12").removeMissing().size(), full), s.reached());
        assertEquals(Sweep.best(t, "evalLoss").doubleColumn("evalLoss").get(0), s.best().evalLoss());
        assertTrue(s.line().contains("rungs reached: 9 at 4, "), s.line());

        // run again: every rung result comes back from the journal, nothing trains
        Recorder replay = new Recorder();
        HalvingSearchTest.sweep(store).parallel(2).listener(replay).halving(3, 4).run();
        assertEquals(rungs, replay.events.stream().filter(e -> e.startsWith("stored ")).count());
        assertTrue(replay.events.stream().noneMatch(e -> e.startsWith("training ")), replay.events.toString());
    }

    @Test
    void aSearchThatFailsEndsItsDisplayAsStopped(@TempDir Path store) {
        SweepProgress live = new SweepProgress();
        SweepListener failing = new Recorder() {
            @Override
            public void training(int run, int level) {
                throw new IllegalStateException("stop here");
            }
        };
        HalvingSearch search = HalvingSearchTest.sweep(store).listener(live).listener(failing).halving(3, 4);
        assertEquals("stop here", assertThrows(IllegalStateException.class, search::run).getMessage());
        assertEquals(SweepStatus.State.STOPPED, live.status().state());
        assertEquals("listener must be given (not null), got null", assertThrows(IllegalArgumentException.class,
                () -> HalvingSearchTest.sweep(store).listener(null)).getMessage());
    }
}
