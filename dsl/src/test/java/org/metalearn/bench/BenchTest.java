package org.metalearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.metalearn.models.Convolutions;
import org.metalearn.util.CommandLine;
import org.junit.jupiter.api.io.TempDir;

/** The bench's arguments and bookkeeping (its timings are printed, never asserted). */
class BenchTest {

    @Test
    void thePeersPythonIsTheOneTheUserNames() {
        assertEquals("/bin/sh", PeerBenchmark.python("/bin/sh"));
        String fallback = PeerBenchmark.python(null);
        assertTrue(fallback.equals("/usr/bin/python3") || fallback.equals("python3"), fallback);
        assertEquals(fallback, PeerBenchmark.python(" "));
        var e = assertThrows(CommandLine.UsageException.class, () -> PeerBenchmark.python("/no/such/python"));
        assertEquals("METALEARN_PEER_PYTHON must name an executable Python, got '/no/such/python'", e.getMessage());
    }

    @Test
    void rejectsBadArgumentsWithTheUsage() {
        var e = assertThrows(IllegalArgumentException.class, () -> Bench.run(new String[] {"--fast"}));
        assertTrue(e.getMessage().contains("usage: bench"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bench.run(new String[] {"--samples", "2"}));
        assertEquals("--samples must be in 3..1000, got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bench.run(new String[] {"memory", "--iterations", "10"}));
        assertEquals("--iterations must be in 1000..100000000, got 10", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bench.run(new String[] {"--samples"}));
        assertTrue(e.getMessage().startsWith("--samples needs a value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bench.run(new String[] {"--samples", "many"}));
        assertEquals("--samples must be a whole number in 3..1000, got 'many'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bench.run(new String[] {"--convolutions", "fft"}));
        assertEquals("--convolutions must be im2col, onednn or both, got 'fft'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bench.run(new String[] {"--convolutions"}));
        assertTrue(e.getMessage().startsWith("--convolutions needs a value"), e.getMessage());
    }

    @Test
    void eachConvolutionChoiceTagsItsLinesAndBuildsItsNets() {
        assertEquals(java.util.List.of(Convolutions.IM2COL, Convolutions.ONEDNN), Bench.convolutions("both"));
        assertEquals(java.util.List.of(Convolutions.ONEDNN), Bench.convolutions("onednn"));
        assertEquals("conv forward [oneDNN]", Bench.tag(Convolutions.ONEDNN, "conv forward"));
        assertEquals("conv forward [im2col+OpenBLAS]", Bench.tag(Convolutions.IM2COL, "conv forward"));
    }

    @Test
    void rejectsABadOpenBlasCoretypeWithOneClearError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Bench.run(new String[] {"conv", "--openblas-coretype", "Skylake"}));
        assertTrue(e.getMessage().startsWith("--openblas-coretype: unknown OpenBLAS kernel set 'Skylake'; one of "),
                e.getMessage());
        assertTrue(e.getMessage().contains("SkylakeX") && e.getMessage().contains("Haswell"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bench.run(new String[] {"--openblas-coretype"}));
        assertTrue(e.getMessage().startsWith("--openblas-coretype needs a value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Bench.run(new String[] {"--openblas-coretype", "--no-peer"}));
        assertTrue(e.getMessage().startsWith("--openblas-coretype needs a value"), e.getMessage());
    }

    @Test
    void checksTheRequestedKernelsAgainstTheCpuAndTheEnvironment() {
        var avx2 = Optional.of("fpu sse2 avx avx2 fma");
        assertEquals("Haswell", OpenBlasKernels.checkRequest("haswell", Map.of("OPENBLAS_CORETYPE", "HASWELL"), avx2));
        var e = assertThrows(IllegalArgumentException.class,
                () -> OpenBlasKernels.checkRequest("SkylakeX", Map.of("OPENBLAS_CORETYPE", "SkylakeX"), avx2));
        assertTrue(e.getMessage().startsWith("--openblas-coretype SkylakeX: this CPU lacks avx512f, avx512dq"),
                e.getMessage());
        // set on the command line of a plain `java` run: the environment did not choose it, so it would not apply
        e = assertThrows(IllegalArgumentException.class,
                () -> OpenBlasKernels.checkRequest("Zen", Map.of(), Optional.empty()));
        assertTrue(e.getMessage().contains("only takes effect through the launcher")
                && e.getMessage().endsWith("OPENBLAS_CORETYPE=(unset)"), e.getMessage());
    }

    @Test
    void reportsTheKernelsOpenBlasRuns() {
        String line = OpenBlasKernels.describe();
        assertTrue(line.startsWith("OpenBLAS kernels: ") && line.contains("OPENBLAS_CORETYPE=")
                && line.contains("OPENBLAS_L2_SIZE="), line);
        String core = line.substring("OpenBLAS kernels: ".length(), line.indexOf(' ', "OpenBLAS kernels: ".length()));
        assertTrue(OpenBlasKernels.CORE_TYPES.stream().anyMatch(core::equalsIgnoreCase), line);
    }

    @Test
    void derivesThePeersEvaluationTaskFromItsStepAndForward() {
        Map<String, Timing> torch = new java.util.HashMap<>();
        torch.put("conv inner step (fit batch5, eval-style)", new Timing("s", 60, 1.0, 1.5, 3.0));
        torch.put("conv forward 26 imgs (train-mode BN)", new Timing("f", 60, 0.5, 0.8, 1.0));
        OmniglotBench.deriveEvalTask(torch);
        Timing t = torch.get(OmniglotBench.EVAL_TASK);
        assertEquals(50 * 1.5 + 5 * 0.8, t.median(), 1e-9);
        assertEquals(50 * 1.0 + 5 * 0.5, t.min(), 1e-9);
        assertEquals(50 * 3.0 + 5 * 1.0, t.max(), 1e-9);
    }

    @Test
    void findsTheRepositorysPeerScriptFromAnyFolderInside(@TempDir Path elsewhere) throws Exception {
        // surefire runs in dsl/: the script is in the repository's bench/ folder one level up
        Path found = PeerBenchmark.find(List.of(Path.of("src", "main").toAbsolutePath())).orElseThrow();
        assertTrue(found.endsWith(Path.of("bench", "torch_peer.py")), found.toString());
        String script = Files.readString(found);
        for (String name : List.of("conv inner step (fit batch10)", "conv Reptile meta-iteration (5x5 steps + interp)",
                "conv inner step (fit batch5, eval-style)", "conv forward 26 imgs (train-mode BN)",
                "mlp SGD step (fit batch10)", "mlp outer iteration (5 steps + interp)", "mlp forward 50 pts",
                MiniImageNetBench.STEP, MiniImageNetBench.META, MiniImageNetBench.EVAL_STEP,
                MiniImageNetBench.FORWARD)) {
            assertTrue(script.contains('"' + name + '"'), "the peer script times '" + name + "'");
        }
        assertTrue(PeerBenchmark.find(List.of(elsewhere)).isEmpty());
    }

    @Test
    void readsThePeersResultLines() {
        var out = "torch 1.13.0 threads=2\n"
                + "RESULT conv forward 26 imgs (train-mode BN)   n=60 median=0.8700 ms min=0.8000 p10=0.8100 p90=0.9900 "
                + "max=1.2000\nnoise\n";
        Timing t = PeerBenchmark.parse(out).get("conv forward 26 imgs (train-mode BN)");
        assertEquals(60, t.samples());
        assertEquals(0.87, t.median(), 1e-12);
        assertEquals(0.8, t.min(), 1e-12);
        assertEquals(1.2, t.max(), 1e-12);
    }

    @Test
    void readsThePeersMiniImageNetLinesAndDerivesItsEvaluationTask() {
        var out = "torch 1.13.0 threads=2\n"
                + "RESULT mini inner step (fit batch10)                      n=20 median=60.0000 ms min=50.0000 "
                + "p10=55.0000 p90=70.0000 max=80.0000\n"
                + "RESULT mini Reptile meta-iteration (5x8 steps + interp)   n=5 median=2500.0000 ms min=2400.0000 "
                + "p10=2400.0000 p90=2600.0000 max=2600.0000\n"
                + "RESULT mini inner step (fit batch15, eval-style)          n=20 median=90.0000 ms min=85.0000 "
                + "p10=86.0000 p90=95.0000 max=99.0000\n"
                + "RESULT mini forward 26 imgs (train-mode BN)               n=20 median=40.0000 ms min=35.0000 "
                + "p10=36.0000 p90=44.0000 max=45.0000\n";
        Map<String, Timing> torch = PeerBenchmark.parse(out);
        assertEquals(60.0, torch.get(MiniImageNetBench.STEP).median(), 1e-12);
        assertEquals(5, torch.get(MiniImageNetBench.META).samples());
        assertEquals(2400.0, torch.get(MiniImageNetBench.META).min(), 1e-12);
        assertEquals(99.0, torch.get(MiniImageNetBench.EVAL_STEP).max(), 1e-12);
        MiniImageNetBench.deriveEvalTask(torch);
        // Table 4's 5-shot evaluation: 50 steps of 15, then each of the 5 queries forwarded with the 25 support images
        Timing eval = torch.get(MiniImageNetBench.EVAL_TASK);
        assertEquals("mini eval task (derived: 50 steps of 15 + 5 forwards of 26)", MiniImageNetBench.EVAL_TASK);
        assertEquals(50 * 90.0 + 5 * 40.0, eval.median(), 1e-9);
        assertEquals(50 * 85.0 + 5 * 35.0, eval.min(), 1e-9);
        assertEquals(20, eval.samples());
    }

    @Test
    void countsTheConvNetsFlopsFromTheirLayerShapes() {
        // Omniglot, 28 -> 14 -> 7 -> 4 -> 2 with stride 2, 64 filters: 2 x side^2 x 64 x C_in x 9, dense 2 x 256 x 5
        long o1 = 2L * 14 * 14 * 64 * 9;
        long o2 = 2L * 7 * 7 * 64 * 64 * 9;
        long o3 = 2L * 4 * 4 * 64 * 64 * 9;
        long o4 = 2L * 2 * 2 * 64 * 64 * 9;
        long oDense = 2L * 256 * 5;
        Flops.Net omniglot = Flops.omniglot(5);
        assertEquals(o1 + o2 + o3 + o4 + oDense, omniglot.forward());
        assertEquals(5_315_584, omniglot.forward());
        assertEquals(2 * omniglot.forward() - o1, omniglot.backward());
        // docs/performance.md's 3.93 GFLOP of a 5 x 5 x 10-image meta-iteration
        assertEquals(3.93, 25 * omniglot.step(10), 0.005);
        // Mini-ImageNet, stride 1 with 2x2 'same' pools 84 -> 42 -> 21 -> 11 -> 6, 32 filters, 3 input channels
        long m1 = 2L * 84 * 84 * 32 * 3 * 9;
        long m2 = 2L * 42 * 42 * 32 * 32 * 9;
        long m3 = 2L * 21 * 21 * 32 * 32 * 9;
        long m4 = 2L * 11 * 11 * 32 * 32 * 9;
        long mDense = 2L * 32 * 6 * 6 * 5;
        Flops.Net mini = Flops.miniImageNet(5);
        assertEquals(m1 + m2 + m3 + m4 + mDense, mini.forward());
        assertEquals(55_077_120, mini.forward());
        assertEquals(97_961_472, mini.backward());
        assertEquals(10 * (55_077_120 + 97_961_472) / 1e9, mini.step(10), 1e-12);
        assertEquals(26 * 55_077_120 / 1e9, mini.forward(26), 1e-12);
        assertEquals(50 * mini.step(15) + 5 * mini.forward(26), Flops.evalTask(mini, 50, 15, 5, 25), 1e-9);
    }

    @Test
    void givesGflopsAsAShareOfThePeakOnAsManyCores() {
        Peak peak = new Peak(2048, 5, 50, 90, 2);
        assertEquals(50.0, peak.percent(25, 1), 1e-12);
        assertEquals(50.0, peak.percent(45, 2), 1e-12);
        assertTrue(peak.toString().contains("50.0 GFLOP/s on 1 thread, 90.0 GFLOP/s on 2 threads"), peak.toString());
    }

    @Test
    void describesTheMachinesLoadAndScheduling(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("loadavg"), "4.77 5.07 6.36 3/512 21000\n");
        Files.createDirectories(proc.resolve("sys/kernel"));
        Files.writeString(proc.resolve("sys/kernel/sched_autogroup_enabled"), "1\n");
        String line = SweepScalingBench.machine(proc);
        assertTrue(line.startsWith("machine: load average 4.77 on ") && line.contains("autogroup scheduling on (CPU "
                + "shared per session first"), line);
        Files.writeString(proc.resolve("sys/kernel/sched_autogroup_enabled"), "0");
        assertTrue(SweepScalingBench.machine(proc).endsWith("autogroup scheduling off"));
        String unknown = SweepScalingBench.machine(proc.resolve("missing"));
        assertTrue(unknown.contains("load average unknown") && unknown.endsWith("autogroup scheduling unknown"),
                unknown);
    }

    @Test
    void timingTakesMedianMinAndMax() {
        Timing t = Timing.of("x", new double[] {5, 1, 3});
        assertEquals(1, t.min());
        assertEquals(3, t.median());
        assertEquals(5, t.max());
    }

    @Test
    void readsTheResidentSetSize() {
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/status"))) {
            double rss = MemoryProbe.status("VmRSS:");
            assertTrue(rss > 10 && rss < 100_000, "RSS in MB: " + rss);
        }
    }

    @Test
    void thePeerRunsWithoutTheSpinCountOurLauncherSetButKeepsAUsersOwn() {
        ProcessBuilder launched = new ProcessBuilder("true");
        launched.environment().put("GOMP_SPINCOUNT", "20000");
        launched.environment().put("METALEARN_GOMP_SPINCOUNT_SET", "1");
        PeerBenchmark.peerProcess(launched);
        assertFalse(launched.environment().containsKey("GOMP_SPINCOUNT"), "the launcher's setting is ours only");
        assertFalse(launched.environment().containsKey("METALEARN_GOMP_SPINCOUNT_SET"));

        ProcessBuilder users = new ProcessBuilder("true");
        users.environment().put("GOMP_SPINCOUNT", "5000");
        users.environment().remove("METALEARN_GOMP_SPINCOUNT_SET");
        PeerBenchmark.peerProcess(users);
        assertEquals("5000", users.environment().get("GOMP_SPINCOUNT"), "a user's setting holds for both");

        assertTrue(PeerBenchmark.describeOpenMp(java.util.Map.of("GOMP_SPINCOUNT", "20000",
                "METALEARN_GOMP_SPINCOUNT_SET", "1")).startsWith("OpenMP: GOMP_SPINCOUNT=20000 OMP_WAIT_POLICY=(unset) "
                + "(set by the launcher"));
        assertEquals("OpenMP: GOMP_SPINCOUNT=(unset) OMP_WAIT_POLICY=(unset)",
                PeerBenchmark.describeOpenMp(java.util.Map.of()));
    }
}
