package org.metalearn.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkersTest {

    /** Native libraries keep per-thread state (oneDNN's OpenMP teams): worker w must come back to its thread. */
    @Test
    void eachWorkerIndexRunsOnTheSameThreadEveryTime() {
        try (Workers workers = new Workers("test", 3)) {
            Thread[][] seen = new Thread[40][3];
            for (int round = 0; round < seen.length; round++) {
                int r = round;
                workers.each(w -> {
                    seen[r][w] = Thread.currentThread();
                    if (w == r % 3) { // vary which worker ends last from round to round
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    }
                });
            }
            Set<Thread> distinct = new HashSet<>();
            for (int w = 0; w < 3; w++) {
                distinct.add(seen[0][w]);
                for (Thread[] round : seen) {
                    assertEquals(seen[0][w], round[w], "worker " + w + " moved to another thread");
                }
            }
            assertEquals(3, distinct.size(), "three workers, three threads");
            assertNotEquals(Thread.currentThread(), seen[0][0], "the caller is not a worker");
        }
    }

    @Test
    void ownThreadRunsOffTheCallersThreadAndEndsItOnClose() throws InterruptedException {
        Thread[] ran = new Thread[2];
        Workers own = Workers.ownThread("test");
        own.each(w -> ran[0] = Thread.currentThread());
        own.each(w -> ran[1] = Thread.currentThread());
        assertNotEquals(Thread.currentThread(), ran[0], "not on the caller's thread");
        assertEquals(ran[0], ran[1], "always the same thread");
        own.close();
        ran[0].join(10_000);
        assertEquals(Thread.State.TERMINATED, ran[0].getState(), "closed: its thread ended (and its native state)");
    }
}
