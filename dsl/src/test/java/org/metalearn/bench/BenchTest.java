package org.metalearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's arguments and bookkeeping (its timings are printed, never asserted). */
class BenchTest {

    @Test
    void rejectsBadArgumentsWithTheUsage() {
        var e = assertThrows(IllegalArgumentException.class, () -> Bench.main(new String[] {"--fast"}));
        assertTrue(e.getMessage().contains("usage: bench"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bench.main(new String[] {"--samples", "2"}));
        assertEquals("--samples must be >= 3, got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bench.main(new String[] {"memory", "--iterations", "10"}));
        assertEquals("--iterations must be >= 1000, got 10", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bench.main(new String[] {"--samples"}));
        assertTrue(e.getMessage().startsWith("--samples needs a value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bench.main(new String[] {"--samples", "many"}));
        assertEquals("--samples must be a whole number, got 'many'", e.getMessage());
    }

    @Test
    void rejectsABadOpenBlasCoretypeWithOneClearError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Bench.main(new String[] {"conv", "--openblas-coretype", "Skylake"}));
        assertTrue(e.getMessage().startsWith("--openblas-coretype: unknown OpenBLAS kernel set 'Skylake'; one of "),
                e.getMessage());
        assertTrue(e.getMessage().contains("SkylakeX") && e.getMessage().contains("Haswell"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bench.main(new String[] {"--openblas-coretype"}));
        assertTrue(e.getMessage().startsWith("--openblas-coretype needs a value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Bench.main(new String[] {"--openblas-coretype", "--no-peer"}));
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
        Bench.deriveEvalTask(torch);
        Timing t = torch.get(Bench.EVAL_TASK);
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
                "mlp SGD step (fit batch10)", "mlp outer iteration (5 steps + interp)", "mlp forward 50 pts")) {
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
}
