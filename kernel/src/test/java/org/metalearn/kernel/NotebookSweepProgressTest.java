package org.metalearn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.sine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.dsl.Sweep;
import org.metalearn.dsl.SweepListener;
import org.metalearn.dsl.SweepProgress;
import org.metalearn.dsl.SweepRow;
import tech.tablesaw.api.Table;

/**
 * The live sweep display: its HTML (a bar of the work done, the counts, best, time and rungs) and plain text; one
 * output shown at the start and finished in place when a real halving search ends, nothing published after that;
 * outside a kernel a start line and a finished line.
 */
class NotebookSweepProgressTest {

    /** A display that records what it is asked to show. */
    static final class Recording implements NotebookDisplay {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String display(Object value) {
            calls.add("display " + value);
            return "id-1";
        }

        @Override
        public void update(String id, Object value) {
            calls.add("update " + id + " " + value);
        }

        @Override
        public void finish(String id, Object value) {
            calls.add("finish " + id + " " + value);
        }

        @Override
        public String name() {
            return "recording";
        }
    }

    @Test
    void rendersABarOfTheWorkDoneWithCountsBestTimeAndRungs() {
        AtomicLong now = new AtomicLong();
        SweepProgress p = new SweepProgress(now::get);
        p.started(new SweepListener.Plan(Collections.nCopies(9, new long[] {10, 30, 90}), 3));
        p.training(0, 0);
        now.set(10_000_000_000L);
        p.reached(0, 0, new SweepRow("k", Map.of("innerAdam", 0.001234), 91.2, Double.NaN, 1, 0.3, 10, 1), false);
        Html h = NotebookSweepProgress.render("search <Omniglot>", p.status());
        assertTrue(h.html().contains("search &lt;Omniglot&gt; <progress value='48' max='1000'"), h.html());
        assertTrue(h.html().contains("<br>best accuracy 91.20 % at rung 1 (innerAdam 0.00123)<br>"), h.html());
        assertTrue(h.html().contains("<br>rungs reached: 1 at 10, 0 at 30, 0 at 90 meta-iterations</div>"), h.html());
        assertEquals("search <Omniglot> 9 runs: 0 at full budget, 1 stopped early, 8 not started · best accuracy "
                + "91.20 % at rung 1 (innerAdam 0.00123) · 0:00:10 elapsed, ETA 0:03:20 · rungs reached: 1 at 10, "
                + "0 at 30, 0 at 90 meta-iterations", h.text());
    }

    private static Sweep tinySineSweep(Path store) {
        return meta().sweep(meta().reptile().on(sine()).metaIterations(12).seed(4).evaluateEvery(4, 4)
                .progress(false)).vary(Sweep.innerSteps(1, 2, 3)).store(store).parallel(2);
    }

    @Test
    void aHalvingSearchShowsOneOutputAndFinishesItInPlace(@TempDir Path store) throws InterruptedException {
        Recording d = new Recording();
        NotebookSweepProgress live = new NotebookSweepProgress("search", d);
        Table t = tinySineSweep(store).listener(live).halving(3, 4).run();
        Thread.sleep(1_200); // the timer must have stopped: nothing after the finished state
        List<String> calls = List.copyOf(d.calls);
        assertTrue(calls.get(0).startsWith("display search 3 runs: 0 at full budget, 3 not started"), calls.get(0));
        String last = calls.get(calls.size() - 1);
        assertTrue(last.startsWith("finish id-1 search 3 runs: 1 at full budget, 2 stopped early · best evalLoss "),
                last);
        assertTrue(last.contains(" · done in 0:00:0"), last);
        assertEquals(1, calls.stream().filter(c -> c.startsWith("display")).count());
        assertTrue(calls.subList(1, calls.size() - 1).stream().allMatch(c -> c.startsWith("update id-1 ")), calls
                .toString());
        assertEquals(3, t.rowCount());
    }

    @Test
    void outsideAKernelItPrintsTheStartAndTheFinishedLine(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextDisplay text = new TextDisplay(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        tinySineSweep(dir.resolve("runs")).listener(new NotebookSweepProgress("sweep", text)).run();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, String.join("|", lines));
        assertEquals("sweep 3 runs: 0 finished, 3 not started · best: none yet · 0:00:00 elapsed, ETA ?", lines[0]);
        assertTrue(lines[1].startsWith("sweep 3 runs: 3 finished · best evalLoss ") && lines[1].contains("done in"),
                lines[1]);
    }
}
