package org.metalearn.dsl;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.TrainingListener;

/**
 * Child-process side of {@link SweepCrashTest}: runs {@link SweepTest#sweep}'s sweep into the store given as the
 * only argument, printing {@code STARTED run first} when a run starts, {@code ITER run i} after each iteration and
 * {@code DONE} at the end. From iteration 20 on each iteration waits 50 ms, so the parent's kill lands inside a run
 * (results do not depend on it).
 */
public final class SweepProbe {
    private SweepProbe() {
    }

    public static void main(String[] args) {
        AtomicInteger runs = new AtomicInteger();
        TrainingListener markers = new TrainingListener() {
            @Override
            public void started(long first, long total) {
                say("STARTED " + runs.incrementAndGet() + " " + first);
            }

            @Override
            public void iteration(IterationReport r) {
                say("ITER " + runs.get() + " " + r.iteration());
                if (r.iteration() >= 20) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        SweepTest.sweep(Path.of(args[0]), SweepTest.base().listener(markers)).run();
        say("DONE");
        System.exit(0);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
