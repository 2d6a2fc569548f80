package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.learn.TrainingInterruptedException;
import org.metalearn.learn.TrainingListener;

/** The notebook's Stop button interrupts the cell's thread: training stops cleanly and resumes exactly. */
class InterruptResumeTest {

    private static ReptileSpec spec() {
        return meta().reptile().innerAdam(0.001).innerSteps(3).metaBatch(2).metaIterations(60).seed(4)
                .curveRows(60).progress(false);
    }

    /** Interrupts the training thread at a fixed iteration, as a Stop button would at some moment. */
    private static TrainingListener interruptAt(long iteration) {
        return r -> {
            if (r.iteration() == iteration) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void anInterruptedRunSaysWhereAndResumesToBitIdenticalParameters(@TempDir Path dir) {
        Run straight = spec().train();
        Path file = dir.resolve("run.ckpt");
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> spec().checkpoint(file, 20).listener(interruptAt(47)).train());
        assertTrue(Thread.interrupted(), "the interrupt status stays set for enclosing loops");
        assertEquals("training interrupted at iteration 47 of 60; resume() continues from the checkpoint at iteration 40",
                e.getMessage());
        Run resumed = spec().checkpoint(file, 20).resume();
        assertArrayEquals(straight.parameters(), resumed.parameters());
        assertEquals(straight.optimizerState(), resumed.optimizerState());
    }

    @Test
    void withoutACheckpointTheMessageOnlySaysWhere() {
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> spec().listener(interruptAt(5)).train());
        assertTrue(Thread.interrupted());
        assertEquals("training interrupted at iteration 5 of 60", e.getMessage());
    }

    @Test
    void aLongParallelRunStopsPromptlyWhenItsThreadIsInterrupted() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                meta().reptile().metaIterations(10_000_000).metaBatch(4).parallelTasks().workers(2)
                        .progress(false).train();
                outcome.complete(null);
            } catch (Throwable x) {
                outcome.complete(x);
            }
        });
        t.start();
        Thread.sleep(1_000);
        long start = System.nanoTime();
        t.interrupt();
        Throwable x = outcome.get(2, TimeUnit.SECONDS);
        t.join(2_000);
        assertFalse(t.isAlive());
        assertTrue(x instanceof TrainingInterruptedException, String.valueOf(x));
        assertTrue((System.nanoTime() - start) / 1e9 < 2, "stopped within 2 s");
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(th -> th.getName().startsWith("metalearn-tasks") && th.getState() == Thread.State.RUNNABLE),
                "no worker left computing");
    }

    @Test
    void aRunWithTasksInSequenceOnTheirOwnThreadStopsAndResumesExactly(@TempDir Path dir)
            throws Exception {
        // two workers, tasks in sequence: the tasks run on a thread of their own while the caller waits; a Stop
        // that lands in that wait stops the run, which resumes from its checkpoint to the uninterrupted result
        ReptileSpec spec = spec().metaIterations(4_000).sequentialTasks().workers(2);
        Run straight = spec.train();
        Path file = dir.resolve("run.ckpt");
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                spec.checkpoint(file, 500).train();
                outcome.complete(null);
            } catch (Throwable x) {
                outcome.complete(x);
            }
        });
        t.start();
        for (int i = 0; i < 1000 && !Files.exists(file); i++) {
            Thread.sleep(10); // after the first checkpoint, at some moment
        }
        t.interrupt();
        Throwable x = outcome.get(10, TimeUnit.SECONDS);
        t.join(2_000);
        assertTrue(x instanceof TrainingInterruptedException, String.valueOf(x));
        Run resumed = spec.checkpoint(file, 500).resume();
        assertArrayEquals(straight.parameters(), resumed.parameters());
        assertEquals(straight.optimizerState(), resumed.optimizerState());
    }
}
