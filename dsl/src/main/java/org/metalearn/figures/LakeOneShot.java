package org.metalearn.figures;

import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.omniglotLake;
import static org.metalearn.dsl.Meta.omniglotLakeRuns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.metalearn.dsl.ReptileSpec;
import org.metalearn.dsl.Run;
import org.metalearn.learn.CheckpointException;
import org.metalearn.util.AtomicFiles;
import org.metalearn.util.CommandLine;
import org.metalearn.util.CommandLine.UsageException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reptile on Lake et al.'s 20 one-shot runs, as a long job that survives being stopped:
 * {@code ./metalearn lake [--iterations N] [--at K,K,...] [--fine-tuning S,S,...] [--within-alphabet] [--out DIR]}.
 * Meta-trains 20-way on the background alphabets only ({@code omniglotLake()}, Table 3's 20-way preset, 200,000
 * meta-iterations unless N), and at each iteration K stops, evaluates the 20 runs with and without transduction,
 * after the preset's 50 fine-tuning steps and after 200 (whether longer fine-tuning closes some of the gap costs
 * seconds on 20 episodes), records their error rates in DIR/errors.csv (one row per K and setting: the mean and each
 * run's), then trains on. {@code --within-alphabet} meta-trains on 20-way tasks drawn within one background
 * alphabet, as the runs are drawn within one evaluation alphabet (into results/lake-one-shot-within-alphabet by
 * default). The run keeps its schedule over the full budget: stopping to evaluate changes no number. Checkpoints
 * every 1,000 into DIR and resumes there; evaluations already recorded are not repeated.
 */
public final class LakeOneShot {
    static final long[] DEFAULT_AT = {10_000, 25_000, 50_000, 100_000, 150_000, 200_000};
    static final String DEFAULT_FINE_TUNING = "50,200";

    private LakeOneShot() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine.main("lake", args, LakeOneShot::run);
    }

    static void run(String[] args) throws IOException {
        Long iterations = null;
        TreeSet<Long> at = null;
        TreeSet<Long> fineTuning = list(DEFAULT_FINE_TUNING, "--fine-tuning", "fine-tuning steps", 0);
        Path out = null;
        boolean withinAlphabet = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--iterations" -> iterations = CommandLine.whole(args, ++i, "--iterations", 1, Long.MAX_VALUE);
                case "--at" -> at = milestones(CommandLine.value(args, ++i, "--at"));
                case "--fine-tuning" -> fineTuning = list(CommandLine.value(args, ++i, "--fine-tuning"),
                        "--fine-tuning", "fine-tuning steps", 0);
                case "--out" -> out = Path.of(CommandLine.value(args, ++i, "--out"));
                case "--within-alphabet" -> withinAlphabet = true;
                default -> throw new UsageException("unknown option " + args[i]
                        + " (allowed: --iterations N, --at K,K,..., --fine-tuning S,S,..., --within-alphabet, "
                        + "--out DIR)");
            }
        }
        if (out == null) {
            out = Path.of(withinAlphabet ? "results/lake-one-shot-within-alphabet" : "results/lake-one-shot");
        }
        CommandLine.outputFolder(out, "--out");
        Path checkpoint = out.resolve("checkpoint.bin");
        Path status = out.resolve("status.txt");
        ReptileSpec spec = meta().reptile().on(withinAlphabet ? omniglotLake().withinGroups() : omniglotLake())
                .ways(20).checkpoint(checkpoint, 1_000).listener(Table2.statusWriter(status));
        if (iterations != null) {
            spec = spec.metaIterations(iterations);
        }
        long budget = spec.plan().metaIterations();
        TreeSet<Long> points = new TreeSet<>();
        for (long k : at != null ? at : defaults()) {
            if (k > budget) {
                if (at != null) {
                    throw new UsageException("--at must be in [1, " + budget + "] (the run's meta-iterations), got " + k);
                }
                continue;
            }
            points.add(k);
        }
        points.add(budget);
        Path runs = omniglotLakeRuns();
        Path file = out.resolve("errors.csv");
        Table errors = Files.exists(file) ? read(file) : null;
        checkSameRun(out.resolve("provenance.txt"), "identity: " + spec.resolve().identity());
        String commit = Table2.command("git", "rev-parse", "HEAD");
        for (long k : points) {
            if (errors != null && errors.longColumn("iteration").contains(k)) {
                continue; // recorded by an earlier start
            }
            Run run;
            try {
                run = spec.trainUntil(k);
            } catch (CheckpointException e) {
                throw new UsageException(e.getMessage() + " (--out DIR starts a new run elsewhere)");
            }
            AtomicFiles.writeString(status, "evaluating the 20 runs at meta-iteration " + k + " since "
                    + Instant.now() + "\n");
            for (long steps : fineTuning) {
                for (boolean transductive : new boolean[] {false, true}) {
                    Table row = row(k, transductive, (int) steps, run.evaluate().iterations((int) steps)
                            .transductive(transductive).episodes(runs));
                    errors = errors == null ? row : errors.append(row);
                }
            }
            Table done = errors;
            AtomicFiles.write(file, w -> done.write().csv(w));
            Table curve = run.curve();
            AtomicFiles.write(out.resolve("curve.csv"), w -> curve.write().csv(w));
            AtomicFiles.writeString(out.resolve("provenance.txt"), "run: " + spec + "\n"
                    + "identity: " + run.settings().identity() + "\n"
                    + "commit of the last evaluation: " + commit + "\n"
                    + "cpu: " + Table2.command("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2") + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores\n"
                    + "OPENBLAS_CORETYPE: " + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset)") + "\n"
                    + "episodes: Lake et al.'s all_runs.zip (20 runs of 20-way 1-shot)\n"
                    + "last evaluation: meta-iteration " + k + ", " + Instant.now() + "\n");
            for (long steps : fineTuning) {
                System.out.println(String.format(Locale.ROOT, "meta-iteration %d, %d fine-tuning steps: error %.2f %% "
                        + "(transductive %.2f %%)", k, steps, mean(done, k, false, steps), mean(done, k, true, steps)));
            }
        }
        AtomicFiles.writeString(status, "finished " + Instant.now() + "\n");
        System.out.println(errors.print());
    }

    /**
     * Refuses a folder whose records (provenance.txt) are another run's: its recorded points would otherwise be
     * taken for this run's and skipped. The checkpoint makes the same check when training resumes.
     */
    private static void checkSameRun(Path provenance, String identity) throws IOException {
        if (!Files.exists(provenance)) {
            return;
        }
        for (String line : Files.readAllLines(provenance)) {
            if (line.startsWith("identity: ") && !line.equals(identity)) {
                throw new UsageException(provenance.getParent() + " holds another run's records (" + line
                        + "), not this run's (" + identity + "); --out DIR starts a new run elsewhere");
            }
        }
    }

    /** One errors.csv row: the iteration, the setting, the mean error and each run's, from the episodes' table. */
    static Table row(long iteration, boolean transductive, int steps, Table episodes) {
        Table row = Table.create("Reptile on Lake et al.'s 20 one-shot runs (error %)",
                LongColumn.create("iteration", new long[] {iteration}),
                BooleanColumn.create("transductive", new boolean[] {transductive}),
                IntColumn.create("fineTuningSteps", new int[] {steps}));
        int last = episodes.rowCount() - 1; // the "mean" row
        row.addColumns(DoubleColumn.create("mean error %", new double[] {episodes.doubleColumn("error %")
                .getDouble(last)}));
        for (int r = 0; r < last; r++) {
            row.addColumns(DoubleColumn.create(episodes.stringColumn("episode").get(r), new double[] {
                episodes.doubleColumn("error %").getDouble(r)}));
        }
        return row;
    }

    /** errors.csv as written: the iteration a long and every error a double, whatever the values look like. */
    static Table read(Path file) throws IOException {
        List<String> header = List.of(Files.readAllLines(file).get(0).split(","));
        ColumnType[] types = new ColumnType[header.size()];
        for (int c = 0; c < types.length; c++) {
            types[c] = c == 0 ? ColumnType.LONG : c == 1 ? ColumnType.BOOLEAN : c == 2 ? ColumnType.INTEGER
                    : ColumnType.DOUBLE;
        }
        return Table.read().csv(CsvReadOptions.builder(file.toFile()).columnTypes(types).build())
                .setName("Reptile on Lake et al.'s 20 one-shot runs (error %)");
    }

    private static double mean(Table errors, long k, boolean transductive, long steps) {
        for (int r = 0; r < errors.rowCount(); r++) {
            if (errors.longColumn("iteration").get(r) == k && errors.booleanColumn("transductive").get(r)
                    == transductive && errors.intColumn("fineTuningSteps").get(r) == steps) {
                return errors.doubleColumn("mean error %").getDouble(r);
            }
        }
        return Double.NaN;
    }

    private static List<Long> defaults() {
        List<Long> list = new ArrayList<>();
        for (long k : DEFAULT_AT) {
            list.add(k);
        }
        return list;
    }

    /** {@code 10000,25000} as iterations, each at least 1. */
    static TreeSet<Long> milestones(String text) {
        return list(text, "--at", "meta-iterations", 1);
    }

    /** A comma-separated list of whole numbers >= {@code min}, sorted, or one clear error naming {@code option}. */
    static TreeSet<Long> list(String text, String option, String what, long min) {
        TreeSet<Long> set = new TreeSet<>();
        for (String part : text.split(",")) {
            try {
                long k = Long.parseLong(part.trim());
                if (k < min || k > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                set.add(k);
            } catch (NumberFormatException e) {
                throw new UsageException(option + " must be a comma-separated list of " + what + " >= " + min
                        + ", got '" + text + "'");
            }
        }
        return set;
    }
}
