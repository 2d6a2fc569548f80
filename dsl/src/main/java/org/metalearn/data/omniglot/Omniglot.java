package org.metalearn.data.omniglot;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.metalearn.data.DataDirectory;
import org.metalearn.data.DatasetException;
import org.metalearn.data.Downloader;

/**
 * Loads Omniglot from {@code <data root>/omniglot}: the official zips (downloaded with an MD5 check when missing)
 * or the unpacked folders; a structural check instead of a checksum for a copy the user supplied. The decoded
 * 28x28 images are cached in {@code omniglot28.bin} under the cache folder, so later starts skip the PNG decoding.
 */
public final class Omniglot {
    /** MD5 of the official zips (brendenlake/omniglot, python/). */
    public static final String BACKGROUND_MD5 = "68d2efa1b9178cc56df9314c21c6e718";
    public static final String EVALUATION_MD5 = "6b91aef0f799c5bb55b94e3f2daec811";
    public static final String DEFAULT_URL = "https://github.com/brendenlake/omniglot/raw/master/python/";
    public static final String URL_PROPERTY = "metalearn.omniglot.url";
    public static final String CACHE_FILE = "omniglot28.bin";

    private Omniglot() {
    }

    /** The Omniglot folder under the configured data root. */
    public static Path directory() {
        return DataDirectory.root().resolve("omniglot");
    }

    public static OmniglotImages load() {
        return load(directory());
    }

    /** Loads (downloading the official zips if absent) and decodes, using the cache when it is valid. */
    public static OmniglotImages load(Path dir) {
        if (!OmniglotArchive.present(dir)) {
            download(dir);
        }
        try {
            String source = OmniglotArchive.fingerprint(dir);
            Path cache = cacheFile(dir);
            OmniglotImages cached = OmniglotImages.load(cache, source);
            if (cached != null) {
                return cached;
            }
            OmniglotImages images = OmniglotArchive.read(dir);
            try {
                images.save(cache, source);
            } catch (RuntimeException e) {
                // a read-only data folder (e.g. a shared copy) still works, only slower to start
                System.err.println("note: could not write the Omniglot cache " + cache + ": " + e.getMessage());
            }
            return images;
        } catch (IOException e) {
            throw new DatasetException("Omniglot: cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * In the cache folder, one per data folder: never written into a data folder the user supplied (it may be
     * shared or read-only).
     */
    static Path cacheFile(Path dir) {
        return DataDirectory.cacheRoot().resolve("omniglot-"
                + Integer.toHexString(dir.toAbsolutePath().normalize().toString().hashCode())).resolve(CACHE_FILE);
    }

    private static void download(Path dir) {
        String base = System.getProperty(URL_PROPERTY, DEFAULT_URL);
        String[][] files = {{"images_background.zip", BACKGROUND_MD5}, {"images_evaluation.zip", EVALUATION_MD5}};
        for (String[] f : files) {
            Path target = dir.resolve(f[0]);
            if (Files.isRegularFile(target) || Files.isDirectory(dir.resolve(f[0].replace(".zip", "")))) {
                continue;
            }
            try {
                Downloader.download(URI.create(base + f[0]), target, f[1]);
            } catch (DatasetException e) {
                throw new DatasetException(String.format(Locale.ROOT,
                        "Omniglot is not in %s (expected images_background.zip and images_evaluation.zip, or the "
                                + "unpacked folders) and downloading %s failed: %s%nPut the official zips there, or point "
                                + "to a folder that has them: %s", dir, base + f[0], e.getMessage(),
                        DataDirectory.howToConfigure()), e);
            }
        }
    }
}
