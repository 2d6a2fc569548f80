package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ASHA decisions with made-up runs (no training) on a simulated clock: a free worker is never left idle while
 * a new run or a promotable one exists (checked against the rule computed here independently), promotions do not
 * wait for a rung to fill, the same completions give the same decisions, and a search stopped half-way and
 * replayed from its journal goes on with the decisions of an uninterrupted one.
 */
class AshaSchedulerTest {
    static final int RUNS = 27;
    static final int ETA = 3;
    static final long[] RUNGS = {1, 3, 9};

    /** A made-up run's score at a rung: fixed per run, with a rung-dependent shuffle so rankings change. */
    static double score(int run, int level) {
        return ((run * 7919L + level * 104729L * (run % 3)) % 1000) / 10.0;
    }

    /** Simulated time of training run {@code run} from the previous rung to rung {@code level}. */
    static double duration(int run, int level) {
        return (RUNGS[level] - (level == 0 ? 0 : RUNGS[level - 1])) * (1 + (run % 5) * 0.37);
    }

    /** A made-up run's row at a rung. */
    static SweepRow row(AshaScheduler.Decision d) {
        return new SweepRow("run" + d.run(), Map.of(), score(d.run(), d.level()), Double.NaN, 0, 0, RUNGS[d.level()],
                RUNGS[d.level()]);
    }

    record Finish(double time, long order, AshaScheduler.Decision decision) {
    }

    /** The events of a simulated search with {@code workers} workers: "start r l" and "done r l", in order. */
    static List<String> simulate(SearchCoordinator c, int workers, int stopAfterDone) {
        List<String> log = new ArrayList<>();
        PriorityQueue<Finish> busy = new PriorityQueue<>(Comparator.comparingDouble(Finish::time)
                .thenComparingLong(Finish::order));
        double now = 0;
        long order = 0;
        int done = 0;
        int[] levels = new int[RUNS];
        Arrays.fill(levels, RUNGS.length);
        List<List<Integer>> finished = new ArrayList<>();
        for (long ignored : RUNGS) {
            finished.add(new ArrayList<>());
        }
        int[] sentTo = new int[RUNS];
        Arrays.fill(sentTo, -1);
        boolean promotedBeforeRungZeroFilled = false;
        while (true) {
            while (busy.size() < workers) {
                AshaScheduler.Decision d = c.poll();
                if (d == null) {
                    break;
                }
                log.add("start " + d.run() + " " + d.level());
                sentTo[d.run()] = d.level();
                promotedBeforeRungZeroFilled |= d.level() > 0 && finished.get(0).size() < RUNS;
                busy.add(new Finish(now + duration(d.run(), d.level()), order++, d));
            }
            if (busy.size() < workers) { // idle worker: no new run and no promotable one may exist
                assertFalse(c.available());
                assertTrue(IntStream.range(0, RUNS).allMatch(r -> sentTo[r] >= 0), "a new run was left waiting");
                for (int level = 0; level < RUNGS.length - 1; level++) {
                    List<Integer> ranked = new ArrayList<>(finished.get(level));
                    int l = level;
                    ranked.sort(Comparator.comparingDouble((Integer r) -> -score(r, l))
                            .thenComparing(Comparator.naturalOrder()));
                    for (int run : ranked.subList(0, ranked.size() / ETA)) {
                        assertTrue(sentTo[run] > level, "run " + run + " of the top at rung " + level + " idle");
                    }
                }
            }
            if (busy.isEmpty() || done == stopAfterDone) {
                break;
            }
            Finish f = busy.poll();
            now = f.time();
            AshaScheduler.Decision d = f.decision();
            c.completed(d, row(d));
            finished.get(d.level()).add(d.run());
            log.add("done " + d.run() + " " + d.level());
            done++;
        }
        if (stopAfterDone < 0) {
            assertTrue(promotedBeforeRungZeroFilled, "promotions waited for the first rung to fill");
        }
        return log;
    }

    static SearchCoordinator coordinator(Path store) {
        int[] levels = new int[RUNS];
        Arrays.fill(levels, RUNGS.length);
        List<RunPoint> points = IntStream.range(0, RUNS).mapToObj(i -> new RunPoint(i, List.of())).toList();
        return new SearchCoordinator(levels, ETA, SearchJournal.open(RunStore.at(store), "fake search", points));
    }

    @Test
    void aFreeWorkerIsNeverIdleWhileANewOrPromotableRunExists(@TempDir Path a, @TempDir Path b) {
        for (int workers : new int[] {1, 2, 4, 30}) {
            Path store = a.resolve("w" + workers);
            SearchCoordinator c = coordinator(store);
            List<String> log = simulate(c, workers, -1);
            AshaScheduler s = c.scheduler();
            assertTrue(s.finished());
            assertEquals(0, s.running());
            long atTop = IntStream.range(0, RUNS).filter(r -> s.stopReason(r).equals("full budget")).count();
            assertTrue(atTop >= 1 && atTop < RUNS / ETA, "runs at the full budget: " + atTop);
            assertTrue(IntStream.range(0, RUNS).allMatch(r -> s.lastLevel(r) >= 0));
            assertEquals(log, simulate(coordinator(b.resolve("w" + workers)), workers, -1),
                    "the same completions give the same decisions");
        }
    }

    @Test
    void aSearchReplayedFromItsJournalGoesOnWithTheSameDecisions(@TempDir Path whole, @TempDir Path cut)
            throws Exception {
        SearchCoordinator uninterrupted = coordinator(whole);
        List<AshaScheduler.Decision> order = simulate(uninterrupted, 3, -1).stream().filter(e -> e.startsWith("done"))
                .map(e -> new AshaScheduler.Decision(Integer.parseInt(e.split(" ")[1]),
                        Integer.parseInt(e.split(" ")[2]))).toList();
        drive(coordinator(cut), 3, order.subList(0, 20)); // stopped with runs in flight
        SearchCoordinator replayed = coordinator(cut);
        assertEquals(2, replayed.scheduler().running());
        drive(replayed, 3, order.subList(20, order.size()));
        assertTrue(replayed.scheduler().finished());
        assertEquals(Files.readString(uninterrupted.journal().file()), Files.readString(replayed.journal().file()));
    }

    /** Completes the decisions in {@code order}, keeping {@code workers} runs in flight. */
    static void drive(SearchCoordinator c, int workers, List<AshaScheduler.Decision> order) {
        Set<AshaScheduler.Decision> busy = new LinkedHashSet<>();
        for (AshaScheduler.Decision next : order) {
            while (busy.size() < workers) {
                AshaScheduler.Decision d = c.poll();
                if (d == null) {
                    break;
                }
                busy.add(d);
            }
            assertTrue(busy.remove(next), next + " not in flight: " + busy);
            c.completed(next, row(next));
        }
    }

    @Test
    void theSchedulerRefusesResultsOfRunsItDidNotStart() {
        AshaScheduler s = new AshaScheduler(new int[] {2, 2}, 2);
        assertThrows(IllegalStateException.class, () -> s.completed(0, 0, 1.0));
        assertEquals(new AshaScheduler.Decision(0, 0), s.next());
        assertEquals(new AshaScheduler.Decision(1, 0), s.next());
        assertNull(s.next());
        s.completed(1, 0, 2.0);
        assertNull(s.peek()); // the top half of one finished run is no run, and no new run is left
        assertFalse(s.finished());
        s.completed(0, 0, 1.0);
        assertEquals(new AshaScheduler.Decision(1, 1), s.peek());
        assertEquals(new AshaScheduler.Decision(1, 1), s.next());
        assertEquals("running", s.stopReason(1));
        assertEquals("below the top 1/2 at rung 1", s.stopReason(0));
        s.completed(1, 1, 3.0);
        assertEquals("full budget", s.stopReason(1));
        assertTrue(s.finished());
        assertEquals("eta must be >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> new AshaScheduler(new int[] {1}, 1)).getMessage());
    }

    @Test
    void aRungThatFinishedFewerThanEtaRunsStillSendsItsBestOnWhenNothingElseIsLeft() {
        // 9 runs, eta 3, five rungs: the rule sends 3 to rung 2, 1 to rung 3, and none of 1 on from rung 3
        int[] levels = new int[9];
        Arrays.fill(levels, 5);
        AshaScheduler s = new AshaScheduler(levels, 3);
        for (int r = 0; r < 9; r++) {
            assertEquals(new AshaScheduler.Decision(r, 0), s.next());
        }
        for (int r = 0; r < 9; r++) {
            s.completed(r, 0, r); // run 8 best, then 7, 6
        }
        for (int r : new int[] {8, 7, 6}) {
            assertEquals(new AshaScheduler.Decision(r, 1), s.next());
        }
        assertNull(s.next());
        s.completed(8, 1, 1.0);
        s.completed(7, 1, 3.0);
        assertNull(s.peek()); // one run still at rung 2: the rule waits for it, no last resort while one runs
        s.completed(6, 1, 2.0);
        assertEquals(new AshaScheduler.Decision(7, 2), s.next());
        s.completed(7, 2, 5.0);
        assertEquals(new AshaScheduler.Decision(7, 3), s.next()); // the last resort: rung 3 holds one run
        s.completed(7, 3, 6.0);
        assertEquals(new AshaScheduler.Decision(7, 4), s.next());
        s.completed(7, 4, 7.0);
        assertTrue(s.finished());
        assertEquals("full budget", s.stopReason(7));
        assertEquals("below the top 1/3 at rung 2", s.stopReason(8));
    }
}
