package org.metalearn.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkersCancellationTest {

    @Test
    void interruptingTheCallerStopsEveryWorkerBeforeEachReturns() throws Exception {
        AtomicInteger running = new AtomicInteger();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try (Workers workers = new Workers("test", 2)) {
                workers.each(w -> {
                    running.incrementAndGet();
                    try {
                        while (true) {
                            Workers.checkInterrupted("work");
                        }
                    } finally {
                        running.decrementAndGet();
                    }
                });
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t instanceof CancellationException && Thread.currentThread().isInterrupted() ? t
                        : new AssertionError("unexpected", t));
                assertEquals(0, running.get(), "no body runs once each() has returned");
            }
        });
        caller.start();
        while (running.get() < 2) {
            Thread.sleep(10);
        }
        caller.interrupt();
        Throwable t = outcome.get(2, TimeUnit.SECONDS);
        assertTrue(t instanceof CancellationException, String.valueOf(t));
        caller.join(1_000);
        assertFalse(caller.isAlive());
        assertEquals(0, running.get());
    }

    @Test
    void checkInterruptedKeepsTheInterruptStatus() {
        Thread.currentThread().interrupt();
        assertThrows(CancellationException.class, () -> Workers.checkInterrupted("x"));
        assertTrue(Thread.interrupted());
        Workers.checkInterrupted("x");
    }
}
