package org.metalearn.data.miniimagenet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The official split with the byte range of every image inside {@code ILSVRC2012_img_train.tar}
 * (data/miniimagenet/official-metadata, bundled in the jar): what route (3) cuts out of the user's tar.
 */
final class SplitDefinition {
    /** One image: the file name the official code gave it and its inclusive byte range in the tar. */
    record Entry(Split split, String wnid, String name, long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    private static final String RESOURCES = "/org/metalearn/data/miniimagenet/split/";

    final List<Entry> entries;

    private SplitDefinition(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The paper's split from the jar: class ids from {@code ravi-split/<split>.csv} (a jar cannot be listed), byte
     * ranges from {@code official-metadata/<split>/<wnid>.csv}.
     */
    static SplitDefinition bundled() {
        List<Entry> entries = new ArrayList<>();
        for (Split split : Split.values()) {
            TreeSet<String> wnids = new TreeSet<>();
            List<String> rows = resourceLines("ravi-split/" + split.folder() + ".csv");
            for (String row : rows.subList(1, rows.size())) {
                wnids.add(row.substring(row.indexOf(',') + 1).strip());
            }
            for (String wnid : wnids) {
                String path = "official-metadata/" + split.folder() + "/" + wnid + ".csv";
                parse(split, wnid, resourceLines(path), path, entries);
            }
        }
        return new SplitDefinition(entries);
    }

    /** A definition from a folder in the official-metadata form ({@code <split>/<wnid>.csv}); for fixtures. */
    static SplitDefinition fromDirectory(Path metadata) {
        List<Entry> entries = new ArrayList<>();
        for (Split split : Split.values()) {
            try (Stream<Path> files = Files.list(metadata.resolve(split.folder()))) {
                for (Path f : files.sorted().toList()) {
                    String wnid = f.getFileName().toString().replace(".csv", "");
                    parse(split, wnid, Files.readAllLines(f, StandardCharsets.UTF_8), f.toString(), entries);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the split definition in " + metadata, e);
            }
        }
        return new SplitDefinition(entries);
    }

    /**
     * Images listed per class of {@code split}. Not always 600: the official list has 597-599 for 16 of the 100
     * classes (59,981 images in all), so the official code's own copy lacks those 19 images.
     */
    Map<String, Integer> counts(Split split) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Entry e : entries) {
            if (e.split() == split) {
                counts.merge(e.wnid(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static void parse(Split split, String wnid, List<String> lines, String source, List<Entry> entries) {
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            int comma = line.indexOf(',');
            int dash = line.indexOf('-', comma);
            if (comma < 0 || dash < 0) {
                throw new IllegalStateException("bad line in " + source + ": " + line);
            }
            entries.add(new Entry(split, wnid, line.substring(0, comma), Long.parseLong(line.substring(comma + 1, dash)),
                    Long.parseLong(line.substring(dash + 1).strip())));
        }
    }

    private static List<String> resourceLines(String path) {
        InputStream in = SplitDefinition.class.getResourceAsStream(RESOURCES + path);
        if (in == null) {
            throw new IllegalStateException("the Mini-ImageNet split definition " + path
                    + " is missing from the library jar (rebuild it: data/miniimagenet is bundled by dsl/pom.xml)");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
