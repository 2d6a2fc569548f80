package org.metalearn.bench;

import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.sine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.metalearn.dsl.Sweep;
import org.metalearn.dsl.SweepExecutor;

/**
 * {@code bench sweep}: how a sweep's wall time scales with the local executor's workers. Four equal runs (sine
 * Reptile at the demo's settings, seeds 1-4, each a few seconds, single-threaded) go through
 * {@link SweepExecutor#parallel} with 1 worker and with 2; with two cores free the ratio 2 workers / 1 worker is
 * ~0.5, and above ~0.6 something serialises the runs (a shared lock, the store) or the cores are busy elsewhere.
 * 1 worker is {@code SweepExecutor.parallel(1)}, not {@code Sweep.parallel(1)}'s sequential executor, so both
 * sides run each run on one thread and only the number of runs at once differs. Each sweep writes into a fresh
 * temporary store, deleted afterwards, so no run is ever read back from an earlier one.
 */
final class SweepScalingBench {
    private SweepScalingBench() {
    }

    /** Repetitions of the 1-worker / 2-worker pair when --samples is not given (~1 min each). */
    static final int REPEATS = 3;

    /** Meta-iterations of each run: a few seconds of sine Reptile on one core (~0.45 ms an iteration idle). */
    static final long ITERATIONS = 12_000;

    static final long[] SEEDS = {1, 2, 3, 4};

    static Sweep sweep(long iterations, Path store) {
        return meta().sweep(meta().reptile().on(sine()).metaIterations(iterations).progress(false))
                .vary(Sweep.seeds(SEEDS)).store(store);
    }

    /** Seconds to run the 4-run sweep with {@code workers} runs at once, in a fresh store. */
    static double seconds(long iterations, int workers) {
        Path store = null;
        try {
            store = Files.createTempDirectory("metalearn-bench-sweep");
            Sweep sweep = sweep(iterations, store);
            long t0 = System.nanoTime();
            sweep.run(SweepExecutor.parallel(workers));
            return (System.nanoTime() - t0) / 1e9;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(store);
        }
    }

    static void run(int repeats) {
        System.out.printf(Locale.ROOT, "%nsweep: %d runs of sine Reptile (%,d meta-iterations each), local executor, "
                + "1 vs 2 workers, fresh store each time, %d repetitions%n", SEEDS.length, ITERATIONS, repeats);
        System.out.println(machine(Path.of("/proc")));
        seconds(ITERATIONS / 10, 2); // untimed: JIT and class loading
        double[] one = new double[repeats];
        double[] two = new double[repeats];
        double[] ratio = new double[repeats];
        for (int r = 0; r < repeats; r++) { // interleaved, so a change in the machine's load hits both sides
            one[r] = seconds(ITERATIONS, 1);
            two[r] = seconds(ITERATIONS, 2);
            ratio[r] = two[r] / one[r];
        }
        Timing t1 = Timing.of("sweep 4 runs, 1 worker", one);
        Timing t2 = Timing.of("sweep 4 runs, 2 workers", two);
        Timing tr = Timing.of("ratio", ratio);
        System.out.printf(Locale.ROOT, "%-52s %9s %17s%n", "operation", "median s", "min..max");
        for (Timing t : new Timing[] {t1, t2}) {
            System.out.printf(Locale.ROOT, "%-52s %9.2f %17s%n", t.name(), t.median(),
                    String.format(Locale.ROOT, "%.2f..%.2f", t.min(), t.max()));
        }
        System.out.printf(Locale.ROOT, "sweep scaling: 2 workers / 1 worker = %.2f (median of the medians; per "
                + "repetition %.2f..%.2f; 0.5 = perfect on 2 free cores)%n", t2.median() / t1.median(), tr.min(), tr.max());
        System.out.println("after: " + machine(Path.of("/proc")));
    }

    /**
     * The machine's load, which decides what the ratio can show: with Linux's autogroup scheduling on, the CPU is
     * shared between sessions (not threads) first, so a busy job started from another session takes an equal
     * share even at nice 19, and a second worker in this one only splits this session's share. Read from
     * {@code proc} (/proc on Linux); "unknown" parts where it cannot be read.
     */
    static String machine(Path proc) {
        String load = read(proc.resolve("loadavg"));
        String autogroup = read(proc.resolve("sys/kernel/sched_autogroup_enabled"));
        String load1 = load.isEmpty() ? "unknown" : load.split("\\s+")[0];
        String groups = switch (autogroup) {
            case "1" -> "on (CPU shared per session first: other sessions' jobs, even at nice 19, take an equal share)";
            case "0" -> "off";
            default -> "unknown";
        };
        return String.format(Locale.ROOT, "machine: load average %s on %d cores; autogroup scheduling %s", load1,
                Runtime.getRuntime().availableProcessors(), groups);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void delete(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
