package org.metalearn.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.metalearn.learn.InnerSettings;
import org.metalearn.learn.TaskExecution;
import org.metalearn.models.Convolutions;
import org.metalearn.tasks.ClassificationTasks;

/**
 * Our operations against the PyTorch peer's sample by sample: one of the peer's, then one of ours, and so on (the
 * peer in one process that runs its operation per request, its {@code *-paired} modes): the Mini-ImageNet and the
 * Omniglot meta-iteration and the Omniglot evaluation task. Why:
 * on a shared machine the peer's own median moved from 2.5 to 3.7 s between runs minutes apart (measured here), so
 * a ratio of medians taken minutes apart moves as much; a slow spell slows both halves of a pair, so the ratio
 * per pair is the steadier number. Prints each side's min/median/max and the ratio's.
 */
final class PairedRatio {
    private PairedRatio() {
    }

    /** Both sides' timings and the ratio (peer / ours) of each pair, sorted. */
    record Result(Timing ours, Timing peer, double[] ratios) {
        double medianRatio() {
            return ratios[ratios.length / 2];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: ours %.1f ms (%.1f..%.1f), torch %.1f ms (%.1f..%.1f), "
                    + "torch/ours per pair: median %.2fx (%.2f..%.2f), %d pairs", ours.name(), ours.median(),
                    ours.min(), ours.max(), peer.median(), peer.min(), peer.max(), medianRatio(), ratios[0],
                    ratios[ratios.length - 1], ratios.length);
        }
    }

    /** The paired Mini-ImageNet meta-iteration with {@code choice}'s net on every core, or empty without the peer. */
    static Optional<Result> miniMetaIteration(Convolutions choice, int pairs) {
        int cores = Runtime.getRuntime().availableProcessors();
        var preset = MiniImageNetBench.PRESET;
        var tasks = new ClassificationTasks("bench", new RandomImages(20, 20, MiniImageNetBench.SIZE, 1),
                MiniImageNetBench.WAYS, preset.trainShots());
        String name = Bench.tag(choice, String.format(Locale.ROOT, "mini Reptile meta-iteration (%dx%d steps), "
                + "paired", preset.metaBatch(), preset.innerSteps()));
        // one of ours a sample (a second each), after two untimed: JIT and per-worker nets
        return paired(name, "mini-paired", cores, peer -> EngineTimings.pairedMetaIterations(tasks,
                choice.miniImageNet(MiniImageNetBench.WAYS), new InnerSettings(preset.innerSteps(),
                        preset.innerBatch(), false), preset.metaBatch(), TaskExecution.PARALLEL, cores, pairs, 1, 2,
                peer::sample));
    }

    /** The paired Omniglot 5-way meta-iteration (5 tasks x 5 steps of 10) on every core, as {@link OmniglotBench}'s. */
    static Optional<Result> omniglotMetaIteration(Convolutions choice, int pairs) {
        int cores = Runtime.getRuntime().availableProcessors();
        var tasks = new ClassificationTasks("bench", new RandomImages(60, 20, 1), 5, 10);
        String name = Bench.tag(choice, "conv Reptile meta-iteration (5x5 steps), paired");
        // a sample is 10 of ours (~0.5 s) after 10 untimed, then 10 of the peer's
        return paired(name, "conv-paired", cores, peer -> EngineTimings.pairedMetaIterations(tasks,
                choice.omniglot(5), new InnerSettings(5, 10, false), 5, TaskExecution.PARALLEL, cores, pairs, 10,
                10, () -> peer.sample(10)));
    }

    /**
     * The paired Omniglot evaluation task (5-shot: 50 steps of 5 + 5 queries with the support set), ours on one
     * core, the peer's run for real on every core (its unpaired line is derived from a step and a forward).
     */
    static Optional<Result> omniglotEvalTask(Convolutions choice, int pairs) {
        int cores = Runtime.getRuntime().availableProcessors();
        String name = Bench.tag(choice, "conv eval task (5-shot, 1 core), paired");
        return paired(name, "eval-paired", cores, peer -> EngineTimings.pairedEvaluation(OmniglotBench.evalTasks(),
                choice.omniglot(5), OmniglotBench.evalProtocol(1), 1, pairs, peer::sample));
    }

    /** Runs {@code pairs} against the peer in {@code mode}; empty (the reason printed) if the peer cannot run. */
    private static Optional<Result> paired(String name, String mode, int threads, Function<Peer, double[][]> pairs) {
        Optional<Path> script = PeerBenchmark.script();
        if (script.isEmpty()) {
            System.out.println("paired: no peer script; skipping");
            return Optional.empty();
        }
        try (Peer peer = Peer.start(script.get(), threads, mode)) {
            if (peer == null) {
                return Optional.empty();
            }
            double[][] ms = pairs.apply(peer);
            return Optional.of(new Result(Timing.of(name, ms[0]), Timing.of("torch " + name, ms[1]), ratios(ms)));
        }
    }

    /** peer / ours for each pair of {ours, peer's} samples, sorted. */
    static double[] ratios(double[][] ms) {
        double[] ratios = new double[ms[0].length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = ms[1][i] / ms[0][i];
        }
        Arrays.sort(ratios);
        return ratios;
    }

    /** The peer process in a paired mode: one operation per {@link #sample()}. */
    static final class Peer implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final Writer in;

        private Peer(Process process) {
            this.process = process;
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = process.outputWriter(StandardCharsets.UTF_8);
        }

        /** The started peer once it reports READY, or null (the reason printed) if it cannot run. */
        static Peer start(Path script, int threads, String mode) {
            try {
                Process p = PeerBenchmark.peerProcess(new ProcessBuilder(PeerBenchmark.python(), script.toString(),
                        String.valueOf(threads), mode, "3")).redirectErrorStream(true).start();
                Peer peer = new Peer(p);
                StringBuilder said = new StringBuilder();
                for (String line = peer.out.readLine(); line != null; line = peer.out.readLine()) {
                    if (line.equals("READY")) {
                        return peer;
                    }
                    said.append("  ").append(line).append('\n');
                }
                peer.close();
                System.out.println("paired: the PyTorch peer did not start (install with apt-get install -y "
                        + "python3-torch):\n" + said.toString().lines().limit(5).reduce("", (a, b) -> a + b + "\n"));
                return null;
            } catch (IOException e) {
                System.out.println("paired: could not start the peer: " + e.getMessage());
                return null;
            }
        }

        /** One of the peer's operations, in ms. */
        double sample() {
            return sample(1);
        }

        /** The mean of {@code count} of the peer's operations run back to back, in ms. */
        double sample(int count) {
            try {
                in.write("sample " + count + "\n");
                in.flush();
                String line = out.readLine();
                if (line == null || !line.startsWith("SAMPLE ")) {
                    throw new IllegalStateException("the PyTorch peer answered '" + line + "' instead of a sample");
                }
                return Double.parseDouble(line.substring("SAMPLE ".length()));
            } catch (IOException e) {
                throw new UncheckedIOException("the PyTorch peer stopped", e);
            }
        }

        boolean alive() {
            return process.isAlive();
        }

        @Override
        public void close() {
            try {
                in.write("quit\n");
                in.close();
            } catch (IOException e) {
                // already gone: nothing to tell it
            }
            try {
                if (!process.waitFor(1, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
