package org.metalearn.data.miniimagenet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.metalearn.data.DataDirectory;
import org.metalearn.data.DatasetException;

/**
 * Loads Mini-ImageNet from {@code <data root>/miniimagenet}, provided in one of three ways: (1) the official layout
 * {@code {train,val,test}/<wnid>/*.JPEG}; (2) a pre-resized copy, {@code images/*.jpg} plus
 * {@code train.csv, val.csv, test.csv}; (3) the user's own {@code ILSVRC2012_img_train.tar}, from which layout (1)
 * is built with the official byte ranges (no network). The images are decoded once, resized straight to 84x84
 * (docs/paper.md#mini-imagenet) and cached as bytes under the cache folder, never in the data folder; later loads
 * memory-map that cache. Every problem is one {@link DatasetException} naming it and the three ways.
 */
public final class MiniImageNet {
    public static final int SIDE = 84;
    public static final int CHANNELS = 3;
    /** Bytes (and floats in a task) per image: 84 x 84 x 3. */
    public static final int IMAGE_BYTES = SIDE * SIDE * CHANNELS;
    public static final String TAR_NAME = "ILSVRC2012_img_train.tar";
    /** Where the ImageNet training tar is, if not in the Mini-ImageNet folder. */
    public static final String TAR_PROPERTY = "metalearn.imagenet.tar";
    /** The resize filter (nearest, bilinear, bicubic); nearest when unset. */
    public static final String FILTER_PROPERTY = "metalearn.miniimagenet.filter";

    private MiniImageNet() {
    }

    /** The Mini-ImageNet folder under the configured data root. */
    public static Path directory() {
        return DataDirectory.root().resolve("miniimagenet");
    }

    /** True if {@code dir} holds one of the three routes (whether it is complete is checked on loading). */
    public static boolean present(Path dir) {
        return Layouts.isOfficial(dir) || Layouts.isPreResized(dir) || imageNetTar(dir) != null;
    }

    /** The paper's Mini-ImageNet from the configured folder, with the configured (default nearest) filter. */
    public static MiniImageNetImages load() {
        return load(directory(), ResizeFilter.parse(System.getProperty(FILTER_PROPERTY, "nearest")));
    }

    /** The paper's Mini-ImageNet (64/16/20 classes x 600 images) from {@code dir}. */
    public static MiniImageNetImages load(Path dir, ResizeFilter filter) {
        return load(dir, filter, SplitShape.PAPER);
    }

    /**
     * As {@link #load(Path, ResizeFilter)} but checked against another {@code shape}: for tests' tiny generated
     * fixtures only; the library itself always asks for {@link SplitShape#PAPER}.
     */
    public static MiniImageNetImages loadForTests(Path dir, ResizeFilter filter, SplitShape shape) {
        return load(dir, filter, shape, SplitDefinition::bundled);
    }

    private static MiniImageNetImages load(Path dir, ResizeFilter filter, SplitShape shape) {
        return load(dir, filter, shape, SplitDefinition::bundled);
    }

    /** As above, cutting route (3) with {@code definition} (tests pass their fixture's byte ranges). */
    static MiniImageNetImages load(Path dir, ResizeFilter filter, SplitShape shape,
                                   Supplier<SplitDefinition> definition) {
        List<SourceImages> sources;
        String route;
        if (Layouts.isOfficial(dir)) {
            route = "official";
            try {
                sources = Layouts.official(dir, shape, officialLists(shape, definition));
            } catch (DatasetException incomplete) {
                // a cut from the tar that was interrupted: finish it (files already there are kept)
                Path tar = imageNetTar(dir);
                if (tar == null) {
                    throw incomplete;
                }
                ImageNetTar.extract(tar, definition.get(), dir);
                sources = Layouts.official(dir, shape, officialLists(shape, definition));
            }
        } else if (Layouts.isPreResized(dir)) {
            sources = Layouts.preResized(dir, shape, officialLists(shape, definition));
            route = "pre-resized";
        } else {
            Path tar = imageNetTar(dir);
            if (tar == null) {
                throw problem(dir, Files.isDirectory(dir) ? "the folder holds none of the three layouts"
                        : "the folder " + dir + " does not exist");
            }
            ImageNetTar.extract(tar, definition.get(), dir);
            sources = Layouts.official(dir, shape, officialLists(shape, definition));
            route = "official";
        }
        Path cacheDir = cacheDirectory(dir, filter);
        List<MiniImageNetClasses> splits = new ArrayList<>();
        for (SourceImages source : sources) {
            String fingerprint = fingerprint(route, filter, source);
            Path file = cacheDir.resolve(source.split().folder() + ".u8");
            MiniImageNetClasses cached = ImageCache.open(file, fingerprint, source.split(), source.counts());
            if (cached == null) {
                int total = Arrays.stream(source.counts()).sum();
                try (ProgressBar bar = new ProgressBarBuilder()
                        .setTaskName("decode Mini-ImageNet " + source.split().folder() + " (once)")
                        .setInitialMax(total).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                        .setConsumer(new ConsoleProgressBarConsumer(System.out)).build()) {
                    ImageCache.write(file, fingerprint, source, filter, bar::stepTo);
                }
                cached = ImageCache.open(file, fingerprint, source.split(), source.counts());
                if (cached == null) {
                    throw new DatasetException("Mini-ImageNet: the cache " + file + " just written cannot be read back");
                }
            }
            splits.add(cached);
        }
        return new MiniImageNetImages(splits.get(0), splits.get(1), splits.get(2), filter);
    }

    /** The class lists a copy of the paper's shape is checked against; none for a test fixture's shape. */
    private static SplitDefinition officialLists(SplitShape shape, Supplier<SplitDefinition> definition) {
        return shape.equals(SplitShape.PAPER) ? definition.get() : null;
    }

    /**
     * Route (3): writes the official layout under {@code target} from {@code tar}, the user's own ImageNet 2012
     * training tar, with the byte ranges of the official metadata bundled in the library. Prints progress.
     */
    public static void buildFromImageNet(Path tar, Path target) {
        ImageNetTar.extract(tar, SplitDefinition.bundled(), target);
    }

    /** As {@link #buildFromImageNet(Path, Path)} with another definition in the official-metadata form (tests). */
    static void buildFromImageNet(Path tar, Path metadata, Path target) {
        ImageNetTar.extract(tar, SplitDefinition.fromDirectory(metadata), target);
    }

    private static Path imageNetTar(Path dir) {
        String configured = System.getProperty(TAR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path inside = dir.resolve(TAR_NAME);
        return Files.isRegularFile(inside) ? inside : null;
    }

    /** Derived files live in the cache folder, one per data folder and filter: never in a folder the user gave. */
    static Path cacheDirectory(Path dir, ResizeFilter filter) {
        return DataDirectory.cacheRoot().resolve("miniimagenet-"
                + Integer.toHexString(dir.toAbsolutePath().normalize().toString().hashCode())).resolve(filter.toString());
    }

    /** The route, filter, classes and every file's name, size and time: a changed copy is decoded again. */
    private static String fingerprint(String route, ResizeFilter filter, SourceImages source) {
        long hash = 17;
        try {
            for (List<Path> files : source.files()) {
                for (Path f : files) {
                    hash = hash * 31 + f.getFileName().toString().hashCode();
                    hash = hash * 31 + Files.size(f);
                    hash = hash * 31 + Files.getLastModifiedTime(f).toMillis();
                }
            }
        } catch (IOException e) {
            throw new DatasetException("Mini-ImageNet: cannot read " + e.getMessage(), e);
        }
        return route + ";" + filter + ";" + source.classNames() + ";" + Arrays.toString(source.counts()) + ";"
                + Long.toHexString(hash);
    }

    /**
     * The one error for missing or malformed data: what is wrong, then the three ways to provide Mini-ImageNet and
     * where the folder is configured.
     */
    static DatasetException problem(Path dir, String what) {
        return new DatasetException("Mini-ImageNet: " + what + ".\nProvide it in " + dir + " in one of three ways:\n"
                + "  (1) the official layout: train/, val/ and test/, each with one folder per class (WordNet id) "
                + "of its JPEGs, e.g. train/n01532829/n01532829_100.JPEG (64/16/20 classes x 600 images);\n"
                + "  (2) a pre-resized copy: images/ with the 84x84 JPEGs (n0153282900000005.jpg) and train.csv, "
                + "val.csv, test.csv (filename,label);\n"
                + "  (3) your own ImageNet 2012 training tar: put " + TAR_NAME + " in that folder (or set -D"
                + TAR_PROPERTY + "=FILE) and layout (1) is cut out of it with the official byte ranges, no network.\n"
                + "The folder is <data>/miniimagenet: " + DataDirectory.howToConfigure() + ".");
    }
}
