package org.metalearn.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.learn.InnerSettings;
import org.metalearn.learn.TaskExecution;
import org.metalearn.models.Convolutions;
import org.metalearn.tasks.ClassificationTasks;

/** {@link PairedRatio}: the alternation of the two sides and the peer's request protocol (no timing asserted). */
class PairedRatioTest {

    /** A fake peer sample: counts the call, takes {@code sleepMs}, and answers {@code base} + the call's number. */
    private static double slowPeer(int[] calls, long sleepMs, double base) {
        calls[0]++;
        try {
            Thread.sleep(sleepMs);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return base + calls[0];
    }

    @Test
    void thePeerRunsBeforeEachOfOurSamplesAndOutsideItsTime() {
        var tasks = new ClassificationTasks("bench", new RandomImages(60, 20, 1), 5, 10);
        int[] calls = {0};
        // a peer sample takes 400 ms; ours (an Omniglot meta-iteration, tens of ms) must not contain it
        double[][] ms = EngineTimings.pairedMetaIterations(tasks, Convolutions.IM2COL.omniglot(5),
                new InnerSettings(2, 10, false), 2, TaskExecution.SEQUENTIAL, 1, 3, 1, 1,
                () -> slowPeer(calls, 400, 1000));
        assertEquals(3, calls[0], "one peer sample a pair");
        assertArrayEquals(new double[] {1001, 1002, 1003}, ms[1], "the peer's samples in order");
        for (double ours : ms[0]) {
            assertTrue(ours > 0 && ours < 400, "our sample without the peer's time: " + ours + " ms");
        }
    }

    @Test
    void theEvaluationPairsAskThePeerForAsManyTasksAsOursAndKeepItsTimeOut() {
        int[] calls = {0};
        var protocol = OmniglotBench.evalProtocol(1);
        double[][] ms = EngineTimings.pairedEvaluation(OmniglotBench.evalTasks(), Convolutions.IM2COL.omniglot(5),
                protocol, 1, 3, tasks -> {
                    assertEquals(protocol.tasks(), tasks, "the peer runs as many tasks a sample as we do");
                    return slowPeer(calls, 2000, 500);
                });
        assertEquals(3, calls[0], "one peer sample a pair");
        assertArrayEquals(new double[] {501, 502, 503}, ms[1], "the peer's samples in order");
        for (double ours : ms[0]) {
            // an im2col evaluation task takes ~0.1 s; with the peer's 2 s inside, a task would take 0.5 s or more
            assertTrue(ours > 0 && ours < 500, "our time per task without the peer's: " + ours + " ms");
        }
    }

    @Test
    void thePeerAnswersOneSamplePerRequestAndStopsWhenClosed(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("peer.py");
        Files.writeString(script, String.join("\n",
                "import sys",
                "assert sys.argv[2] == 'mini-paired', sys.argv",
                "print('torch 0 threads=' + sys.argv[1])",
                "print('READY', flush=True)",
                "n = 0",
                "for line in sys.stdin:",
                "    if line.strip() == 'quit':",
                "        break",
                "    n += 1",
                "    words = line.split()",
                "    print('SAMPLE %.1f' % (100 * n + (int(words[1]) if len(words) > 1 else 0)), flush=True)",
                ""));
        PairedRatio.Peer peer = PairedRatio.Peer.start(script, 2, "mini-paired");
        assertNotNull(peer);
        assertEquals(101.0, peer.sample(), "a bare sample is one operation");
        assertEquals(210.0, peer.sample(10), "the count goes with the request");
        peer.close();
        assertFalse(peer.alive(), "closed: the process ended");

        Path broken = dir.resolve("broken.py");
        Files.writeString(broken, "import sys\nprint('ModuleNotFoundError: torch')\nsys.exit(1)\n");
        assertNull(PairedRatio.Peer.start(broken, 2, "mini-paired"), "no READY: no peer");
    }

    @Test
    void theRatioIsThePeersTimeOverOursPairByPair() {
        // pair by pair: 3.0, 1.0, 1.0; the ratio of the medians would be 300 / 200 = 1.5
        double[][] ms = {{100, 200, 400}, {300, 200, 400}};
        assertArrayEquals(new double[] {1.0, 1.0, 3.0}, PairedRatio.ratios(ms));
        var r = new PairedRatio.Result(Timing.of("ours", ms[0]), Timing.of("torch", ms[1]), PairedRatio.ratios(ms));
        assertEquals(1.0, r.medianRatio());
        assertTrue(r.toString().contains("torch/ours per pair: median 1.00x (1.00..3.00), 3 pairs"), r.toString());
    }
}
