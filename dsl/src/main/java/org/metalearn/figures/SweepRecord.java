package org.metalearn.figures;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.metalearn.dsl.SweepListener;
import org.metalearn.dsl.SweepProgress;
import org.metalearn.dsl.SweepRow;
import org.metalearn.dsl.SweepStatus;
import org.metalearn.util.AtomicFiles;

/**
 * What a figure command records beside its sweeps' runs: {@code status.txt} (how many runs are finished, updated as
 * each starts and ends) and the text of {@code provenance.txt}. Shared by the sweep-based figure commands so that
 * their records read alike.
 */
final class SweepRecord {
    private SweepRecord() {
    }

    /** A sweep listener writing the sweep's progress line, prefixed by {@code what}, to {@code status}. */
    static SweepListener status(Path status, String what) {
        SweepProgress progress = new SweepProgress();
        return new SweepListener() {
            @Override
            public synchronized void started(Plan plan) {
                progress.started(plan);
                write();
            }

            @Override
            public synchronized void training(int run, int level) {
                progress.training(run, level);
                write();
            }

            @Override
            public synchronized void reached(int run, int level, SweepRow row, boolean stored) {
                progress.reached(run, level, row, stored);
                write();
            }

            @Override
            public synchronized void finished(boolean completed) {
                progress.finished(completed);
                write();
            }

            private void write() {
                SweepStatus now = progress.status();
                // the time of this start only: runs read back from an earlier start count as done, not as speed
                AtomicFiles.writeString(status, what + ": " + now.counts() + "; this start: " + now.timeText() + ", "
                        + Instant.now() + "\n");
            }
        };
    }

    /**
     * The commit the sources are at, with a mark when dsl/src has uncommitted changes: taken when a command starts,
     * since a run of hours outlives the commit it was built from.
     */
    static String commit() {
        String changes = Table2.command("git", "status", "--porcelain", "dsl/src");
        return Table2.command("git", "rev-parse", "HEAD") + (changes.isEmpty() || changes.equals("unknown")
                ? "" : " (with uncommitted changes in dsl/src)");
    }

    /** provenance.txt: the command line, its settings, the commit at the start, CPU, OpenBLAS choice, wall time. */
    static String provenance(String command, String settings, String commit, double seconds) {
        return "command: " + command + "\n"
                + settings
                + "commit of the last start: " + commit + "\n"
                + "cpu: " + Table2.command("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores\n"
                + "OPENBLAS_CORETYPE: " + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset)") + "\n"
                + "wall time of the last start: " + String.format(Locale.ROOT, "%.0f s", seconds) + "\n"
                + "finished: " + Instant.now() + "\n";
    }
}
