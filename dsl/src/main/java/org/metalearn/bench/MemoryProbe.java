package org.metalearn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.metalearn.learn.Adam;
import org.metalearn.learn.InnerSettings;
import org.metalearn.learn.LinearSchedule;
import org.metalearn.learn.OuterOptimizer;
import org.metalearn.learn.Reptile;
import org.metalearn.learn.TaskExecution;
import org.metalearn.learn.Trainer;
import org.metalearn.learn.TrainingPlan;
import org.metalearn.models.Convolutions;
import org.metalearn.models.LearnerFactory;
import org.metalearn.tasks.ClassificationTasks;

/**
 * Resident memory over a long run: Table 3's 5-way Reptile (parallel tasks) on random images with the presets' net
 * ({@link Convolutions#preferred()}), printing the process's RSS every {@code every} meta-iterations, so a leak that
 * would end an 8-hour run shows as growth.
 */
final class MemoryProbe {
    private MemoryProbe() {
    }

    static void run(long iterations, long every) {
        int cores = Runtime.getRuntime().availableProcessors();
        var tasks = new ClassificationTasks("bench", new RandomImages(60, 20, 1), 5, 10);
        LearnerFactory model = Convolutions.preferred().omniglot(5);
        System.out.println("net: " + model.name());
        TrainingPlan plan = new TrainingPlan(tasks, model, new Reptile(), () -> new Adam(1e-3),
                new InnerSettings(5, 10, false), 5, new LinearSchedule(1.0, 0.0), iterations, 0,
                OuterOptimizer::interpolation, TaskExecution.PARALLEL, cores);
        Trainer trainer = new Trainer(plan);
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "%10s %10s %10s %10s %12s%n", "iteration", "RSS MB", "peak MB", "heap MB",
                "ms/iter");
        long[] last = {start, 0};
        print(0, 0);
        trainer.train(trainer.initialState(), List.of(r -> {
            if (r.iteration() % every == 0) {
                long now = System.nanoTime();
                print(r.iteration(), (now - last[0]) / 1e6 / (r.iteration() - last[1]));
                last[0] = now;
                last[1] = r.iteration();
            }
        }));
    }

    private static void print(long iteration, double msPerIteration) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%10d %10.1f %10.1f %10.1f %12.2f%n", iteration, status("VmRSS:"),
                status("VmHWM:"), (rt.totalMemory() - rt.freeMemory()) / 1048576.0, msPerIteration);
    }

    /** A /proc/self/status field in MB (NaN where there is no /proc). */
    static double status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
