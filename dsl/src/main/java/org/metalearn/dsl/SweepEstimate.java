package org.metalearn.dsl;

import static org.metalearn.dsl.Settings.Key;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.TrainingListener;

/**
 * How long a sweep's training would take on this machine, measured before it starts: each unfinished run trains
 * {@link #WARM_UP} + {@link #TIMED} meta-iterations (no evaluation, no checkpoint, nothing stored; threads as the
 * sweep would give it), the timed ones give its seconds per iteration, and the runs' totals are spread over the
 * runs at once. Evaluation during and after training is not included. For paper-mode sweeps that take days:
 * {@code System.out.println(sweep.estimate())} before {@code sweep.run()}.
 */
public record SweepEstimate(int runs, int finished, long iterations, int atOnce, double seconds) {
    static final int WARM_UP = 1;
    static final int TIMED = 3;

    static SweepEstimate of(SweepJob job, List<RunPoint> points, int parallel) {
        int workers = parallel > 1 ? 1 : Runtime.getRuntime().availableProcessors();
        double total = 0;
        long iterations = 0;
        int finished = 0;
        for (RunPoint p : points) {
            Resolved resolved = job.resolve(p);
            if (job.store().finished(RunStore.key(resolved.identity()))) {
                finished++;
                continue;
            }
            long m = resolved.plan().metaIterations();
            iterations += m;
            total += m * secondsPerIteration(job.settings(p), workers);
        }
        int atOnce = Math.max(1, Math.min(parallel, points.size() - finished));
        return new SweepEstimate(points.size(), finished, iterations, atOnce, total / atOnce);
    }

    /** Trains the run's settings for a few iterations, from scratch and in memory only. */
    private static double secondsPerIteration(Settings settings, int workers) {
        Settings probe = settings.without(Key.CHECKPOINT).without(Key.EVALUATE_EVERY).without(Key.LISTENERS)
                .with(Key.META_ITERATIONS, (long) (WARM_UP + TIMED)).with(Key.PROGRESS, false)
                .with(Key.WORKERS, workers);
        List<Double> elapsed = new ArrayList<>();
        TrainingListener clock = new TrainingListener() {
            @Override
            public void iteration(IterationReport r) {
                elapsed.add(r.elapsedSeconds());
            }
        };
        probe = probe.adding(Key.LISTENERS, clock);
        new RunSession(Resolver.resolve(probe), probe).train();
        return (elapsed.get(elapsed.size() - 1) - elapsed.get(WARM_UP - 1)) / TIMED;
    }

    /** e.g. {@code estimated training time here: 2 d 5 h (24 runs, 2,400,000 meta-iterations, 2 at once; ...)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "estimated training time here: %s (%d run(s) to train, %,d meta-iterations, "
                + "%d at once%s; from %d timed iterations of each run; evaluation not included)", duration(seconds),
                runs - finished, iterations, atOnce, finished > 0 ? "; " + finished + " already finished" : "", TIMED);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 120) {
            return s + " s";
        }
        if (s < 2 * 3600) {
            return Math.round(s / 60.0) + " min";
        }
        if (s < 2 * 86400) {
            return String.format(Locale.ROOT, "%d h %d min", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%d d %d h", s / 86400, (s % 86400) / 3600);
    }
}
