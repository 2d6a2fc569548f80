package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The seam between a halving search and the executor that trains its rungs, with made-up rungs (no training): the
 * search keeps the decisions and hands the executor as many rungs at once as it has slots, each at its rung's
 * iteration; an executor that runs whole sweeps only is refused before the search writes anything; a rung that
 * fails ends the search with its own failure instead of leaving the other workers waiting for it, and the search
 * run again goes on from its journal.
 */
class HalvingExecutorTest {
    /** HalvingSearchTest's 9 sampled sine runs, rungs at 4, 12 and 36. */
    static HalvingSearch search(Path store) {
        return HalvingSearchTest.sweep(store).halving(3, 4);
    }

    /** An executor of made-up rungs, {@code slots} at once; the rungs of run {@code failing} throw. */
    static final class FakeExecutor implements SweepExecutor {
        final int slots;
        final int failing;
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final Set<Long> iterations = ConcurrentHashMap.newKeySet();
        /** The first rungs wait for each other: a search that trains fewer at once leaves them waiting. */
        final CountDownLatch first;

        FakeExecutor(int slots, int failing) {
            this.slots = slots;
            this.failing = failing;
            this.first = new CountDownLatch(slots);
        }

        @Override
        public List<SweepRow> execute(List<RunPoint> points, SweepJob job) {
            throw new AssertionError("a search hands out rungs, not points");
        }

        @Override
        public RungTrainer rungs(HalvingSearch search) {
            return new RungTrainer() {
                @Override
                public int slots() {
                    return slots;
                }

                @Override
                public SweepRow train(RunPoint point, long iteration) {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        first.countDown();
                        first.await(10, TimeUnit.SECONDS);
                        Thread.sleep(5);
                        iterations.add(iteration);
                        if (point.index() == failing) {
                            throw new IllegalStateException("rung of run " + failing + " failed");
                        }
                        String key = RunStore.key(search.job().job().resolve(point).identity());
                        // a loss fixed per run and rung, lower for later rungs
                        double loss = (point.index() * 37 % 9 + 1) / (double) iteration;
                        return new SweepRow(key, point.shown(), Double.NaN, loss, 0, loss, iteration, 0.01);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    } finally {
                        running.decrementAndGet();
                    }
                }
            };
        }
    }

    @Test
    void theExecutorTrainsAsManyRungsAtOnceAsItHasSlots(@TempDir Path store) {
        FakeExecutor three = new FakeExecutor(3, -1);
        Table t = search(store).run(three);
        assertEquals(3, three.most.get(), "the search kept every slot busy at the start and never more");
        assertEquals(Set.of(4L, 12L, 36L), three.iterations);
        assertEquals(9, t.rowCount());
        HalvingSearchTest.assertStopReasonsHold(t);
    }

    @Test
    void anExecutorOfWholeSweepsIsRefusedBeforeTheSearchWritesAnything(@TempDir Path dir) {
        Path store = dir.resolve("store");
        SweepExecutor wholeSweeps = (points, job) -> List.of();
        var e = assertThrows(IllegalArgumentException.class, () -> search(store).run(wholeSweeps));
        assertTrue(e.getMessage().startsWith("halving: ") && e.getMessage().contains("runs whole sweeps only, not "
                + "the rungs of a halving search"), e.getMessage());
        assertFalse(Files.exists(store), "nothing written");
    }

    @Test
    void aFailingRungEndsTheSearchWithItsFailureAndARunAgainGoesOn(@TempDir Path store) {
        FakeExecutor failing = new FakeExecutor(2, 4);
        var e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(IllegalStateException.class,
                () -> search(store).run(failing)), "the other worker must not wait for the failed rung");
        assertEquals("rung of run 4 failed", e.getMessage());
        Table t = search(store).run(new FakeExecutor(2, -1));
        assertEquals(9, t.rowCount());
        HalvingSearchTest.assertStopReasonsHold(t);
    }
}
