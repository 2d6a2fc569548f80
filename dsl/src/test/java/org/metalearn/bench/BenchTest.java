package org.metalearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

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
