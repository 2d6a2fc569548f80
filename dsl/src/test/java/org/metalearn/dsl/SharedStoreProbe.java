package org.metalearn.dsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.TrainingListener;

/**
 * Child-process side of {@link SharedStoreTest}: waits for the file {@code go}, then runs {@link SweepTest#sweep}'s
 * four-run sine sweep into {@code store}, creating a marker file in {@code markers} each time a run starts training
 * ({@code start-PID-n-from-FIRST}) and printing {@code STARTED n first}, {@code ITER n i}; each iteration waits
 * 30 ms so that two sweeps overlap. At the end writes the table without wall time to {@code table} and prints
 * {@code DONE}. Arguments: {@code store markers go table}.
 */
public final class SharedStoreProbe {
    private SharedStoreProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        Path markers = Path.of(args[1]);
        Path go = Path.of(args[2]);
        Path table = Path.of(args[3]);
        long pid = ProcessHandle.current().pid();
        AtomicInteger runs = new AtomicInteger();
        TrainingListener probe = new TrainingListener() {
            @Override
            public void started(long first, long total) {
                int n = runs.incrementAndGet();
                try {
                    Files.createFile(markers.resolve("start-" + pid + "-" + n + "-from-" + first));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                say("STARTED " + n + " " + first);
            }

            @Override
            public void iteration(IterationReport r) {
                say("ITER " + runs.get() + " " + r.iteration());
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Files.createDirectories(markers);
        say("READY");
        while (!Files.exists(go)) {
            Thread.sleep(10);
        }
        String csv = SweepTest.withoutTime(SweepTest.sweep(store, SweepTest.base().listener(probe)).run());
        Files.writeString(table, csv);
        say("DONE");
        System.exit(0);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
