package org.metalearn.data.miniimagenet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds which of the two on-disk layouts a folder holds and lists its images split by split, checking the
 * structure on the way (classes per split, images per class, no class in two splits, every listed file present).
 * Each problem is reported through {@link MiniImageNet#problem}, which adds the three ways to provide the data.
 */
final class Layouts {
    static final String IMAGES = "images";

    private Layouts() {
    }

    /** Route (1): {@code train/}, {@code val/} and {@code test/} folders. */
    static boolean isOfficial(Path dir) {
        return Stream.of(Split.values()).allMatch(s -> Files.isDirectory(dir.resolve(s.folder())));
    }

    /** Route (2): {@code images/} and the three CSV files. */
    static boolean isPreResized(Path dir) {
        return Files.isDirectory(dir.resolve(IMAGES))
                && Stream.of(Split.values()).allMatch(s -> Files.isRegularFile(csv(dir, s)));
    }

    static Path csv(Path dir, Split split) {
        return dir.resolve(split.folder() + ".csv");
    }

    /**
     * The official layout {@code <dir>/<split>/<wnid>/*.JPEG}, checked against {@code shape} and, if not null,
     * the official class lists ({@link #checked}).
     */
    static List<SourceImages> official(Path dir, SplitShape shape, SplitDefinition official) {
        List<SourceImages> splits = new ArrayList<>();
        Map<String, Split> seen = new HashMap<>();
        for (Split split : Split.values()) {
            Path folder = dir.resolve(split.folder());
            TreeMap<String, List<Path>> classes = new TreeMap<>();
            for (Path c : list(folder)) {
                if (Files.isDirectory(c)) {
                    List<Path> images = new ArrayList<>();
                    for (Path f : list(c)) {
                        if (isImage(f)) {
                            images.add(f);
                        }
                    }
                    images.sort(null);
                    classes.put(c.getFileName().toString(), images);
                }
            }
            splits.add(checked(dir, split, classes, shape, official, seen, split.folder() + "/"));
        }
        return splits;
    }

    /** The pre-resized layout {@code <dir>/images/*.jpg} + {@code train.csv, val.csv, test.csv} (filename,label). */
    static List<SourceImages> preResized(Path dir, SplitShape shape, SplitDefinition official) {
        Path images = dir.resolve(IMAGES);
        Set<String> present = new HashSet<>();
        for (Path f : list(images)) {
            present.add(f.getFileName().toString());
        }
        List<SourceImages> splits = new ArrayList<>();
        Map<String, Split> seen = new HashMap<>();
        for (Split split : Split.values()) {
            Path file = csv(dir, split);
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw MiniImageNet.problem(dir, "cannot read " + file + ": " + e.getMessage());
            }
            TreeMap<String, List<Path>> classes = new TreeMap<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || (i == 0 && line.toLowerCase(Locale.ROOT).startsWith("filename"))) {
                    continue;
                }
                String[] parts = line.split(",");
                if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    throw MiniImageNet.problem(dir, file + " line " + (i + 1) + " is '" + line
                            + "', expected 'filename,label'");
                }
                if (!present.contains(parts[0].strip())) {
                    throw MiniImageNet.problem(dir, file + " line " + (i + 1) + " names " + parts[0].strip()
                            + ", which is not in " + images);
                }
                classes.computeIfAbsent(parts[1].strip(), k -> new ArrayList<>()).add(images.resolve(parts[0].strip()));
            }
            for (List<Path> files : classes.values()) {
                files.sort(null);
            }
            splits.add(checked(dir, split, classes, shape, official, seen, file.getFileName() + " label "));
        }
        return splits;
    }

    /**
     * Classes per split, images per class, no class in two splits. With {@code official} (the paper's shape) each
     * class must also be one of the split's official classes and hold either 600 images or as many as the official
     * list has for it (597-599 for 16 classes, which the official code's own copy lacks).
     */
    static SourceImages checked(Path dir, Split split, TreeMap<String, List<Path>> classes, SplitShape shape,
                                SplitDefinition official, Map<String, Split> seen, String where) {
        int expected = shape.classes(split);
        if (classes.size() != expected) {
            throw MiniImageNet.problem(dir, "the " + split.folder() + " split has " + classes.size()
                    + " classes, expected " + expected + " (" + shape + ")");
        }
        Map<String, Integer> listed = official == null ? null : official.counts(split);
        for (var e : classes.entrySet()) {
            int count = e.getValue().size();
            if (listed != null && !listed.containsKey(e.getKey())) {
                throw MiniImageNet.problem(dir, "class " + where + e.getKey() + " is not one of the "
                        + listed.size() + " official " + split.folder() + " classes (data/miniimagenet lists them)");
            }
            Integer alternative = listed == null ? null : listed.get(e.getKey());
            if (count != shape.imagesPerClass() && (alternative == null || count != alternative)) {
                throw MiniImageNet.problem(dir, "class " + where + e.getKey() + " has " + count + " images, expected "
                        + shape.imagesPerClass() + (alternative != null && alternative != shape.imagesPerClass()
                        ? " (or the " + alternative + " of the official list)" : ""));
            }
            Split other = seen.put(e.getKey(), split);
            if (other != null) {
                throw MiniImageNet.problem(dir, "class " + e.getKey() + " is in both the " + other.folder()
                        + " and the " + split.folder() + " split");
            }
        }
        return new SourceImages(split, List.copyOf(classes.keySet()), List.copyOf(classes.values()));
    }

    private static boolean isImage(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(f) && (name.endsWith(".jpeg") || name.endsWith(".jpg") || name.endsWith(".png"));
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
