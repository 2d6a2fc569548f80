package org.metalearn.figures;

import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.omniglot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.metalearn.dsl.ReptileSpec;
import org.metalearn.dsl.Run;
import org.metalearn.eval.FewShotResult;
import org.metalearn.learn.CheckpointException;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.TrainingListener;
import org.metalearn.report.Recorded;
import org.metalearn.util.AtomicFiles;
import org.metalearn.util.CommandLine;
import org.metalearn.util.CommandLine.UsageException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Table 2's Reptile row for Omniglot at the paper's budget, as a long job that survives being stopped:
 * {@code ./metalearn table2 [--ways 5|20] [--iterations N] [--tasks T] [--sequential] [--out DIR]}. Trains with the
 * Table 3 preset of that many ways (100,000 meta-iterations for 5-way, 200,000 for 20-way), checkpointing every 1,000 into DIR and resuming from that checkpoint when started again (a stop
 * loses at most 1,000 iterations; the resumed run ends bit-identical to an uninterrupted one). Then evaluates the
 * four cells (1-shot and 5-shot, with and without transduction) on T test tasks each (10,000), each cell saved as
 * it finishes, so a restart only evaluates the missing ones. Writes DIR/table2.csv, DIR/curve.csv and
 * DIR/provenance.txt (settings, seed, commit, CPU, OpenBLAS choice, wall times); DIR/status.txt says how far it got.
 */
public final class Table2 {
    // the paper's Reptile numbers, [1/5-shot][plain/transductive]
    private static final double[][] PAPER_5WAY = {{95.39, 97.68}, {98.90, 99.48}};
    private static final double[][] PAPER_20WAY = {{88.14, 89.43}, {96.65, 97.12}};

    private Table2() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine.main("table2", args, Table2::run);
    }

    /** The command {@code ./metalearn table2}: trains (or resumes) and evaluates; a bad option is a UsageException. */
    static void run(String[] args) throws IOException {
        Long iterations = null; // the preset's
        int tasks = 10_000;
        int ways = 5;
        boolean sequential = false;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--ways" -> ways = (int) CommandLine.whole(args, ++i, "--ways", 5, 20);
                case "--iterations" -> iterations = CommandLine.whole(args, ++i, "--iterations", 1, Long.MAX_VALUE);
                case "--tasks" -> tasks = (int) CommandLine.whole(args, ++i, "--tasks", 1, Integer.MAX_VALUE);
                case "--sequential" -> sequential = true;
                case "--out" -> out = Path.of(CommandLine.value(args, ++i, "--out"));
                default -> throw new UsageException("unknown option " + args[i]
                        + " (allowed: --ways 5|20, --iterations N, --tasks T, --sequential, --out DIR)");
            }
        }
        if (ways != 5 && ways != 20) {
            throw new UsageException("--ways must be 5 or 20 (Table 2's columns), got " + ways);
        }
        out = out != null ? out : Path.of("results/table2-omniglot-" + ways + "way");
        CommandLine.outputFolder(out, "--out");
        Path checkpoint = out.resolve("checkpoint.bin");
        Path status = out.resolve("status.txt");
        ReptileSpec spec = meta().reptile().on(omniglot()).ways(ways).checkpoint(checkpoint, 1_000)
                .listener(statusWriter(status));
        if (iterations != null) {
            spec = spec.metaIterations(iterations);
        }
        if (sequential) { // the official code's order: one task after another, Adam state carried across them
            spec = spec.sequentialTasks();
        }
        // the code this start trains with (the repository may move on before the run ends)
        String changes = command("git", "status", "--porcelain", "dsl/src");
        String commit = command("git", "rev-parse", "HEAD") + (changes.isEmpty() || changes.equals("unknown") ? ""
                : " (with uncommitted changes in dsl/src)");
        long start = System.nanoTime();
        Run run;
        try {
            run = Files.exists(checkpoint) ? spec.resume() : spec.train();
        } catch (CheckpointException e) { // another run's, or a damaged, checkpoint in DIR: a usage error
            throw new UsageException(e.getMessage() + " (--out DIR starts a new run elsewhere)");
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        Table curve = run.curve();
        AtomicFiles.write(out.resolve("curve.csv"), w -> curve.write().csv(w));
        Table table = null;
        for (int shots : new int[] {1, 5}) {
            for (boolean transductive : new boolean[] {false, true}) {
                Table cell = savedCell(run, out, shots, transductive, tasks, status);
                table = table == null ? cell.setName("Table 2: Omniglot " + ways + "-way, Reptile") : table.append(cell);
            }
        }
        Table result = table;
        AtomicFiles.write(out.resolve("table2.csv"), w -> result.write().csv(w));
        AtomicFiles.writeString(out.resolve("provenance.txt"), provenance(spec, run, commit, trainSeconds, tasks));
        AtomicFiles.writeString(status, "finished " + Instant.now() + "\n");
        System.out.println(result.print());
    }

    /**
     * Table 2's four cells for a trained Omniglot run (1-shot and 5-shot, with and without transduction, {@code tasks}
     * test tasks each, the run's preset evaluation otherwise) beside the paper's numbers, as a notebook shows them
     * (see {@link Recorded#view}).
     */
    public static Table evaluate(Run run, int tasks) {
        Table raw = null;
        for (int shots : new int[] {1, 5}) {
            for (boolean transductive : new boolean[] {false, true}) {
                Table cell = cell(run, shots, transductive, tasks);
                raw = raw == null ? cell : raw.append(cell);
            }
        }
        return Recorded.view(raw, "Table 2: Omniglot " + raw.intColumn("ways").get(0) + "-way, Reptile (" + tasks
                + " test tasks per cell)");
    }

    /** The paper's Reptile accuracy (percent) for a Table 2 cell. */
    public static double paper(int ways, int shots, boolean transductive) {
        if ((ways != 5 && ways != 20) || (shots != 1 && shots != 5)) {
            throw new IllegalArgumentException("Table 2 has 5- and 20-way, 1- and 5-shot cells, got " + ways
                    + "-way " + shots + "-shot");
        }
        return (ways == 5 ? PAPER_5WAY : PAPER_20WAY)[shots == 1 ? 0 : 1][transductive ? 1 : 0];
    }

    /** One cell evaluated, with the paper's number: the columns of {@code table2.csv}. */
    private static Table cell(Run run, int shots, boolean transductive, int tasks) {
        FewShotResult r = run.evaluate().shots(shots).transductive(transductive).tasks(tasks).progress(false).result();
        Table cell = r.table();
        cell.addColumns(DoubleColumn.create("paper %", new double[] {paper(cell.intColumn("ways").get(0), shots,
                transductive)}));
        return cell;
    }

    /** {@link #cell}, read back if an earlier start already evaluated it. */
    private static Table savedCell(Run run, Path out, int shots, boolean transductive, int tasks, Path status)
            throws IOException {
        Path file = out.resolve(String.format(Locale.ROOT, "cell-%dshot-%s-%dtasks.csv", shots,
                transductive ? "transductive" : "plain", tasks));
        if (Files.exists(file)) {
            Table saved = Table.read().csv(file.toFile());
            if (!saved.columnNames().contains("paper %")) { // cells saved before the paper column was added here
                saved.addColumns(DoubleColumn.create("paper %", new double[] {paper(saved.intColumn("ways").get(0),
                        shots, transductive)}));
            }
            return saved;
        }
        AtomicFiles.writeString(status, "evaluating " + file.getFileName() + " since " + Instant.now() + "\n");
        Table cell = cell(run, shots, transductive, tasks);
        AtomicFiles.write(file, w -> cell.write().csv(w));
        return cell;
    }

    static TrainingListener statusWriter(Path status) {
        return new TrainingListener() {
            @Override
            public void iteration(IterationReport r) {
                if (r.iteration() % 1_000 == 0) { // iterations are 1-based: 1,000 done
                    AtomicFiles.writeString(status, String.format(Locale.ROOT,
                            "training: meta-iteration %d of %d, loss %.4f, %.0f s of training so far, %s%n",
                            r.iteration(), r.total(), r.loss(), r.elapsedSeconds(), Instant.now()));
                }
            }
        };
    }

    private static String provenance(ReptileSpec spec, Run run, String commit, double trainSeconds, int tasks) {
        return "run: " + spec + "\n"
                + "identity: " + run.settings().identity() + "\n"
                + "commit of the last start: " + commit + "\n"
                + "cpu: " + command("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores\n"
                + "OPENBLAS_CORETYPE: " + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset)") + "\n"
                + "training wall time of the last start: " + String.format(Locale.ROOT, "%.0f s", trainSeconds) + "\n"
                + "test tasks per cell: " + tasks + "\n"
                + "finished: " + Instant.now() + "\n";
    }

    static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? text : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
