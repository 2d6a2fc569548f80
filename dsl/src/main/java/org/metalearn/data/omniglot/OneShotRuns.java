package org.metalearn.data.omniglot;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderNotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.metalearn.data.DatasetException;
import org.metalearn.tasks.Batch;
import org.metalearn.tasks.Episode;
import org.metalearn.tasks.Task;

/**
 * Fixed episodes in the layout of Lake et al.'s one-shot classification runs (the 20 runs of 20-way 1-shot that
 * ship with Omniglot): {@code runNN/training/*.png} one support image per class, {@code runNN/test/*.png} the
 * queries, and {@code runNN/class_labels.txt} with one line per query, {@code runNN/test/itemNN.png
 * runNN/training/classNN.png} (paths relative to the folder holding the runs). Support classes are labelled in the
 * order of their file names. Images get the training preprocessing: 28x28 by nearest neighbour, background 1.0,
 * ink 0.0.
 */
public final class OneShotRuns {
    private static final String LAYOUT = "expected run folders runNN/ with training/*.png, test/*.png and "
            + "class_labels.txt (lines 'runNN/test/itemNN.png runNN/training/classNN.png')";

    private OneShotRuns() {
    }

    /**
     * Every run under {@code dir}, in name order; {@code dir} may also be a zip holding the run folders at its root
     * (the official {@code all_runs.zip}), read in place.
     */
    public static List<Episode> read(Path dir) {
        if (Files.isRegularFile(dir) && dir.getFileName().toString().endsWith(".zip")) {
            try (FileSystem zip = FileSystems.newFileSystem(dir)) {
                return read(zip.getPath("/"));
            } catch (IOException | ProviderNotFoundException e) {
                throw new DatasetException("episodes: cannot open " + dir + " as a zip (" + e.getMessage() + "); "
                        + LAYOUT, e);
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new DatasetException("episodes: " + dir + " is not a folder; " + LAYOUT);
        }
        List<Path> runs;
        try (Stream<Path> list = Files.list(dir)) {
            runs = list.filter(p -> Files.isDirectory(p) && p.getFileName() != null
                    && p.getFileName().toString().replace("/", "").matches("run\\d+")).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("episodes: cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (runs.isEmpty()) {
            throw new DatasetException("episodes: no run folders in " + dir + "; " + LAYOUT);
        }
        List<Episode> episodes = new ArrayList<>();
        for (Path run : runs) {
            episodes.add(readRun(dir, run));
        }
        return episodes;
    }

    private static Episode readRun(Path root, Path run) {
        String name = run.getFileName().toString().replace("/", "");
        List<Path> classes = pngs(run.resolve("training"));
        int ways = classes.size();
        if (ways < 2) {
            throw new DatasetException("episodes: " + run.resolve("training") + " has " + ways
                    + " images, needs at least 2 classes; " + LAYOUT);
        }
        Map<Path, Integer> labelOf = new HashMap<>();
        float[] supportInputs = new float[ways * OmniglotImages.PIXELS];
        float[] supportTargets = new float[ways * ways];
        int[] groups = new int[ways];
        for (int c = 0; c < ways; c++) {
            labelOf.put(classes.get(c).toAbsolutePath().normalize(), c);
            pixels(classes.get(c), supportInputs, c * OmniglotImages.PIXELS);
            supportTargets[c * ways + c] = 1f;
            groups[c] = c;
        }
        Path labels = run.resolve("class_labels.txt");
        List<String> lines;
        try {
            lines = Files.readAllLines(labels).stream().map(String::trim).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new DatasetException("episodes: cannot read " + labels + " (" + e.getMessage() + "); " + LAYOUT, e);
        }
        if (lines.isEmpty()) {
            throw new DatasetException("episodes: " + labels + " lists no queries; " + LAYOUT);
        }
        float[] queryInputs = new float[lines.size() * OmniglotImages.PIXELS];
        float[] queryTargets = new float[lines.size() * ways];
        int[] queryLabels = new int[lines.size()];
        for (int q = 0; q < lines.size(); q++) {
            String[] parts = lines.get(q).split("\\s+");
            if (parts.length != 2) {
                throw new DatasetException("episodes: " + labels + " line " + (q + 1) + " is '" + lines.get(q)
                        + "'; expected two paths, query then class image");
            }
            Integer label = labelOf.get(root.resolve(parts[1]).toAbsolutePath().normalize());
            if (label == null) {
                throw new DatasetException("episodes: " + labels + " line " + (q + 1) + " names " + parts[1]
                        + ", which is not one of " + run.resolve("training") + "'s images");
            }
            Path query = root.resolve(parts[0]);
            if (!Files.isRegularFile(query)) {
                throw new DatasetException("episodes: " + labels + " line " + (q + 1) + " names " + query
                        + ", which does not exist");
            }
            pixels(query, queryInputs, q * OmniglotImages.PIXELS);
            queryTargets[q * ways + label] = 1f;
            queryLabels[q] = label;
        }
        return new Episode(name, ways, new Task(supportInputs, supportTargets, groups),
                new Batch(queryInputs, queryTargets, lines.size()), queryLabels);
    }

    private static List<Path> pngs(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException("episodes: missing folder " + folder + "; " + LAYOUT);
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("episodes: cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void pixels(Path png, float[] dst, int offset) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(png);
        } catch (IOException e) {
            throw new DatasetException("episodes: cannot read " + png + ": " + e.getMessage(), e);
        }
        boolean[] white = OmniglotArchive.downsample(bytes, png.toString());
        for (int p = 0; p < white.length; p++) {
            dst[offset + p] = white[p] ? 1f : 0f;
        }
    }
}
