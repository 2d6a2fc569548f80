package org.metalearn.dsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.metalearn.util.AtomicFiles;

/**
 * The decisions and rung results of a halving search in the order they happened, kept in the run store
 * ({@code searches/<key>.txt}, rewritten atomically after each event) so a stopped or killed search replays them and
 * goes on with the same decisions. Lines: {@code start <run> <rung>} and {@code done <run> <rung> <key> <accuracy>
 * <evalLoss> <ci95> <trainLoss> <iterations> <seconds>} (doubles as {@link Double#toString}, which reads back to
 * the same bits); the first line names the search, so a journal of another search is never replayed.
 */
final class SearchJournal {
    /** One event: a decision ({@code row} null) or a rung's result. */
    record Event(int run, int level, SweepRow row) {
        boolean started() {
            return row == null;
        }
    }

    private final Path file;
    private final String header;
    private final List<String> lines = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();

    private SearchJournal(Path file, String header) {
        this.file = file;
        this.header = header;
    }

    /** The journal of the search described by {@code header} in {@code store}, with the events written so far. */
    static SearchJournal open(RunStore store, String header, List<RunPoint> points) {
        String key = RunStore.key(Map.of("search", header));
        SearchJournal j = new SearchJournal(store.root().resolve("searches").resolve(key + ".txt"), header);
        if (!Files.isRegularFile(j.file)) {
            return j;
        }
        try {
            List<String> saved = Files.readAllLines(j.file, StandardCharsets.UTF_8);
            if (saved.isEmpty() || !saved.get(0).equals(header)) {
                throw new IllegalStateException("halving: " + j.file + " is the journal of another search; use "
                        + "another store folder");
            }
            for (String line : saved.subList(1, saved.size())) {
                j.lines.add(line);
                j.events.add(parse(line, points));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("halving: cannot read " + j.file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("halving: cannot read the journal " + j.file + ": " + e.getMessage(), e);
        }
        return j;
    }

    List<Event> events() {
        return Collections.unmodifiableList(events);
    }

    Path file() {
        return file;
    }

    void started(int run, int level) {
        append("start " + run + " " + level, new Event(run, level, null));
    }

    void done(int run, int level, SweepRow row) {
        append("done " + run + " " + level + " " + row.key() + " " + row.accuracy() + " " + row.evalLoss() + " "
                + row.ci95() + " " + row.trainLoss() + " " + row.iterations() + " " + row.seconds(),
                new Event(run, level, row));
    }

    private void append(String line, Event event) {
        lines.add(line);
        events.add(event);
        AtomicFiles.writeString(file, header + "\n" + String.join("\n", lines) + "\n");
    }

    private static Event parse(String line, List<RunPoint> points) {
        String[] f = line.split(" ");
        int run = Integer.parseInt(f[1]);
        int level = Integer.parseInt(f[2]);
        if (run < 0 || run >= points.size() || level < 0) {
            throw new IllegalArgumentException("no run " + run + " rung " + level + " in this search: " + line);
        }
        if (f[0].equals("start") && f.length == 3) {
            return new Event(run, level, null);
        }
        if (!f[0].equals("done") || f.length != 10) {
            throw new IllegalArgumentException("not an event: " + line);
        }
        return new Event(run, level, new SweepRow(f[3], points.get(run).shown(), Double.parseDouble(f[4]),
                Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]), Long.parseLong(f[8]),
                Double.parseDouble(f[9])));
    }
}
