package org.metalearn.dsl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.metalearn.report.CurveRecorder;
import org.metalearn.util.AtomicFiles;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A folder of runs ({@code runs/} under the working directory unless told otherwise), one sub-folder per run named
 * by its key, a short hash of the run's resolved identity ({@link Resolved#identity()}). A run folder holds
 * {@code identity.txt} (the full identity, so two identities with one hash are detected instead of mixed up),
 * {@code checkpoint.bin} and {@code lease.txt} (the claim of the process training it, {@link LeaseClaims}) while it
 * trains, {@code curve.csv} and, once finished, {@code result.txt} (with the CRC32C of the curve and its own,
 * checked when read). A finished run is never touched again; an unfinished one resumes from its checkpoint. Every
 * file is written atomically.
 */
public final class RunStore {
    /** The default store, relative to the working directory. */
    public static final Path DEFAULT = Path.of("runs");
    static final String IDENTITY = "identity.txt";
    static final String RESULT = "result.txt";
    static final String CHECKPOINT = "checkpoint.bin";
    static final String CURVE = "curve.csv";

    private final Path root;

    private RunStore(Path root) {
        this.root = root;
    }

    /** The store in folder {@code root} (created when the first run is stored). */
    public static RunStore at(Path root) {
        return new RunStore(Rules.SWEEP_STORE.check(root));
    }

    public Path root() {
        return root;
    }

    /** The key of a run: the first 12 hex digits of the SHA-256 of its identity text. */
    public static String key(Map<String, String> identity) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text(identity).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String text(Map<String, String> identity) {
        StringBuilder sb = new StringBuilder();
        identity.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    /** The folder of run {@code key}. */
    public Path folder(String key) {
        return root.resolve(key);
    }

    /**
     * The run's folder, claimed for this identity: created with its identity file, or checked against the one
     * there (a different identity under the same key is a hash collision and fails rather than mixing runs).
     */
    Path claim(Map<String, String> identity) {
        String key = key(identity);
        Path dir = folder(key);
        Path file = dir.resolve(IDENTITY);
        String text = text(identity);
        try {
            if (Files.isRegularFile(file)) {
                String saved = Files.readString(file, StandardCharsets.UTF_8);
                if (!saved.equals(text)) {
                    throw new IllegalStateException("run store: " + dir + " holds another run with the same key "
                            + key + ":\n" + saved + "this run:\n" + text + "Use another store folder.");
                }
            } else {
                AtomicFiles.writeString(file, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("run store: cannot read " + file, e);
        }
        return dir;
    }

    /** Whether run {@code key} has finished (its result is stored). */
    public boolean finished(String key) {
        return Files.isRegularFile(folder(key).resolve(RESULT));
    }

    /** The stored result of a finished run. */
    SweepRow read(String key) {
        return RunResults.read(folder(key).resolve(RESULT), key);
    }

    /**
     * Stores a finished run: its curve, then its result with the curve's checksum (the last file a run writes: its
     * presence means finished).
     */
    void write(SweepRow row, Table curve) {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        curve.write().csv(csv);
        byte[] bytes = csv.toByteArray();
        Path dir = folder(row.key());
        AtomicFiles.write(dir.resolve(CURVE), out -> out.write(bytes));
        AtomicFiles.writeString(dir.resolve(RESULT), RunResults.text(row, bytes));
    }

    /** Every finished run in the store, read from disk (nothing is run), one row per run ordered by key. */
    public Table table() {
        List<SweepRow> rows = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.map(p -> p.getFileName().toString()).sorted().filter(this::finished)
                        .forEach(k -> rows.add(read(k)));
            } catch (IOException e) {
                throw new UncheckedIOException("run store: cannot list " + root, e);
            }
        }
        return SweepTable.of("runs in " + root, rows);
    }

    /** The learning curve of run {@code key} (with the evaluation columns), read from its CSV. */
    public Table curve(String key) {
        Path csv = folder(key).resolve(CURVE);
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("run store: run " + key + " has no curve in " + root);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("run store: cannot read " + csv, e);
        }
        Path result = folder(key).resolve(RESULT);
        if (Files.isRegularFile(result)) {
            RunResults.checkCurve(result, csv, bytes);
        }
        // typed explicitly: an evaluation column with no value at all would otherwise not be read as numbers
        return Table.read().usingOptions(CsvReadOptions.builder(new ByteArrayInputStream(bytes))
                .tableName("curve " + key)
                .columnTypes(column -> column.equals(CurveRecorder.ITERATION) ? ColumnType.INTEGER
                        : ColumnType.DOUBLE));
    }

    /**
     * The learning curves of a sweep's runs (its table's {@code key} column), each named by the row's values in
     * {@code labelColumns} (e.g. "algorithm", "innerSteps": {@code "reptile, 4"}), in table order.
     */
    public Map<String, Table> curves(Table sweep, String... labelColumns) {
        Map<String, Table> curves = new LinkedHashMap<>();
        for (int r = 0; r < sweep.rowCount(); r++) {
            List<String> label = new ArrayList<>();
            for (String c : labelColumns) {
                label.add(sweep.getString(r, c));
            }
            String key = sweep.stringColumn("key").get(r);
            curves.put(label.isEmpty() ? key : String.join(", ", label), curve(key));
        }
        return curves;
    }

    /** The identity of run {@code key}, as written in its folder. */
    public Map<String, String> identity(String key) {
        Map<String, String> id = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(folder(key).resolve(IDENTITY), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                id.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("run store: cannot read the identity of run " + key, e);
        }
        return id;
    }

    @Override
    public String toString() {
        return "run store " + root.toAbsolutePath().normalize();
    }
}
