package org.metalearn.dsl;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.TrainingListener;

/**
 * Child-process side of {@link HalvingCrashTest}: runs {@link HalvingSearchTest#sweep}'s halving search (one run
 * at a time) into the store given as the only argument, printing {@code ITER n} after the search's n-th
 * meta-iteration and {@code DONE} at the end. From the 30th iteration on each waits 50 ms, so the parent's kill
 * lands inside a rung (results do not depend on it: listeners are not part of a run).
 */
public final class HalvingProbe {
    private HalvingProbe() {
    }

    public static void main(String[] args) {
        AtomicInteger iterations = new AtomicInteger();
        TrainingListener markers = new TrainingListener() {
            @Override
            public void iteration(IterationReport r) {
                int n = iterations.incrementAndGet();
                say("ITER " + n);
                if (n >= 30) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        HalvingSearchTest.sweep(Path.of(args[0]), HalvingSearchTest.base().listener(markers)).halving(3, 4).run();
        say("DONE");
        System.exit(0);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
