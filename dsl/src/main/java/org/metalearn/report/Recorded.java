package org.metalearn.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A full-budget run recorded in the repository's {@code results/} folder, read back without training: its result
 * table beside the paper's numbers, its learning curve (the one so far while it is still in progress) and where
 * it got to. The folder is what {@code ./metalearn table2} writes: {@code table2.csv}, {@code curve.csv} and
 * {@code provenance.txt} once finished; {@code status.txt} and {@code checkpoint.bin.curve.csv} (the curve at the
 * last checkpoint) while training.
 *
 * <p>{@code results/} is the folder named by {@code -Dmetalearn.results} or {@code METALEARN_RESULTS} (both kernels set
 * it to the repository's), else found from the working folder or one of its parents (a notebook runs in
 * {@code notebooks/}).
 */
public final class Recorded {
    /** The columns of a result table, in order; {@code ./metalearn table2} writes them. */
    static final List<String> COLUMNS = List.of("classes", "ways", "shots", "transductive", "tasks", "accuracy",
            "ci95", "seconds", "paper %");

    private final String name;
    private final Path folder;

    private Recorded(String name, Path folder) {
        this.name = name;
        this.folder = folder;
    }

    /** The recorded run {@code results/<name>}, e.g. {@code table2-omniglot-5way}. */
    public static Recorded of(String name) {
        return in(resultsFolder(), name);
    }

    /** The recorded run {@code <results>/<name>}. */
    public static Recorded in(Path results, String name) {
        Path folder = results.resolve(name);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("recorded run '" + name + "': no folder " + folder.toAbsolutePath()
                    + (Files.isDirectory(results)
                    ? " (recorded: " + String.join(", ", names(results, Files::isDirectory)) + ")" : ""));
        }
        return new Recorded(name, folder);
    }

    /**
     * The folder {@code results/<name>}, whether anything is recorded there yet or not: where a command records, and
     * where a notebook in paper mode keeps the same runs (e.g. {@code Recorded.folder("figure3-paper").resolve("runs")}).
     */
    public static Path folder(String name) {
        return resultsFolder().resolve(name);
    }

    /** True when {@code results/<name>/<fileName>} is recorded, e.g. {@code has("figure3-paper", "figure3.csv")}. */
    public static boolean has(String name, String fileName) {
        return Files.isRegularFile(folder(name).resolve(fileName));
    }

    /** True when the run trained to its end and every cell is evaluated. */
    public boolean finished() {
        return Files.exists(folder.resolve("table2.csv"));
    }

    /** How far the run got, in one line: its {@code status.txt}. */
    public String status() {
        Path status = folder.resolve("status.txt");
        return Files.exists(status) ? read(status).trim() : "no status recorded";
    }

    /**
     * The recorded accuracies (percent) with their 95 % intervals beside the paper's, one row per cell. While the run
     * is unfinished the table holds the cells evaluated so far (none while it trains), and its title says how far it
     * got.
     */
    public Table table() {
        if (finished()) {
            Table raw = results();
            return view(raw, name + " (recorded, " + raw.intColumn("tasks").get(0) + " test tasks per cell)");
        }
        Table evaluated = null;
        for (String cell : names(folder, f -> f.getFileName().toString().matches("cell-.*\\.csv"))) {
            Table one = readTable(folder.resolve(cell));
            if (!one.containsColumn("paper %")) { // saved before cells carried the paper's number
                one.addColumns(DoubleColumn.create("paper %", one.rowCount()));
            }
            evaluated = evaluated == null ? one : evaluated.append(one);
        }
        String title = name + ": in progress (" + status() + ")";
        return evaluated == null ? view(Table.create(), title) : view(evaluated, title);
    }

    /**
     * A result table with the columns of {@code table2.csv} as a notebook shows it: one row per cell ("1-shot 5-way
     * + transduction"), our accuracy and its 95 % interval, the paper's accuracy.
     */
    public static Table view(Table raw, String title) {
        Table t = Table.create(title, StringColumn.create("cell"), DoubleColumn.create("ours accuracy %"),
                DoubleColumn.create("ci95"), DoubleColumn.create("paper accuracy %"));
        for (int r = 0; r < raw.rowCount(); r++) {
            t.stringColumn("cell").append(String.format(Locale.ROOT, "%d-shot %d-way%s", raw.intColumn("shots").get(r),
                    raw.intColumn("ways").get(r), raw.booleanColumn("transductive").get(r) ? " + transduction" : ""));
            t.doubleColumn("ours accuracy %").append(raw.doubleColumn("accuracy").get(r));
            t.doubleColumn("ci95").append(raw.doubleColumn("ci95").get(r));
            t.doubleColumn("paper accuracy %").append(raw.doubleColumn("paper %").get(r));
        }
        return t;
    }

    /** Any CSV the run recorded in its folder, e.g. {@code figure1-sines.csv}. */
    public Table csv(String fileName) {
        Path file = folder.resolve(fileName);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(name + " has no " + fileName + " (recorded: "
                    + String.join(", ", names(folder, f -> true)) + ")");
        }
        return Table.read().csv(file.toFile()).setName(name + ": " + fileName);
    }

    /** The result table as {@code ./metalearn table2} wrote it, its columns checked. */
    public Table results() {
        Path file = folder.resolve("table2.csv");
        if (!Files.exists(file)) {
            throw new IllegalStateException(name + " has no results yet: " + status());
        }
        Table raw = readTable(file);
        if (!raw.columnNames().equals(COLUMNS)) {
            throw new IllegalStateException(file + ": columns " + raw.columnNames() + ", expected " + COLUMNS);
        }
        return raw;
    }

    /** The learning curve: the whole run's when finished, else the one saved with the last checkpoint. */
    public Table curve() {
        for (String file : new String[] {"curve.csv", "checkpoint.bin.curve.csv"}) {
            Path path = folder.resolve(file);
            if (Files.exists(path)) {
                return Table.read().csv(path.toFile()).setName(name + " learning curve");
            }
        }
        throw new IllegalStateException(name + " has no recorded learning curve yet: " + status());
    }

    /** {@link #curve()} as a chart. */
    public XYChart plot() {
        Table curve = curve();
        int last = curve.intColumn(CurveRecorder.ITERATION).get(curve.rowCount() - 1);
        return Charts.learningCurve(curve, name + (finished() ? "" : " (so far: " + last + " meta-iterations)"));
    }

    /** Settings, seed, commit, CPU and wall time of a finished run. */
    public String provenance() {
        Path file = folder.resolve("provenance.txt");
        return Files.exists(file) ? read(file) : "no provenance yet (written when the run finishes): " + status();
    }

    /** e.g. {@code recorded table2-omniglot-5way: training: meta-iteration 46000 of 100000, ...}. */
    @Override
    public String toString() {
        return "recorded " + name + ": " + status();
    }

    static Path resultsFolder() {
        String named = System.getProperty("metalearn.results", System.getenv("METALEARN_RESULTS"));
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("results").resolve("README.md"))) {
                return p.resolve("results");
            }
        }
        throw new IllegalStateException("no recorded results: no results/README.md in " + start + " or its parents;"
                + " set METALEARN_RESULTS (or -Dmetalearn.results) to the repository's results folder");
    }

    /** A result CSV with its columns' types fixed (a column of whole numbers must not be read as integers). */
    private static Table readTable(Path file) {
        return Table.read().csv(CsvReadOptions.builder(file.toFile()).columnTypes(column -> switch (column) {
            case "classes" -> ColumnType.STRING;
            case "ways", "shots", "tasks" -> ColumnType.INTEGER;
            case "transductive" -> ColumnType.BOOLEAN;
            default -> ColumnType.DOUBLE;
        }).build());
    }

    /** The names of the entries of {@code dir} that {@code keep} accepts, sorted. */
    private static List<String> names(Path dir, Predicate<Path> keep) {
        try (var s = Files.list(dir)) {
            return s.filter(keep).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
