package org.metalearn.figures;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.dsl.SweepListener;

/** The status line a figure command keeps beside its runs: counts, time spent and left, a timestamp. */
class SweepRecordTest {
    @Test
    void theStatusLineSaysHowManyRunsAreDoneAndTheTimeOfThisStart(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status.txt");
        SweepListener listener = SweepRecord.status(status, "training");
        listener.started(new SweepListener.Plan(List.of(new long[] {100}, new long[] {100}, new long[] {100}), 0));
        listener.training(0, 0);
        String line = Files.readString(status);
        assertTrue(line.startsWith("training: 3 runs: 0 finished, 1 training, 2 not started; this start: "), line);
        assertTrue(line.contains(" elapsed, ETA ?, "), "no run finished yet, so no estimate: " + line);
        listener.finished(false);
        line = Files.readString(status);
        assertTrue(line.contains("; this start: stopped after ") && line.contains("(run it again to resume), "), line);
    }
}
