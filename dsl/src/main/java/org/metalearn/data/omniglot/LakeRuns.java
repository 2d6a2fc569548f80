package org.metalearn.data.omniglot;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.metalearn.data.DataDirectory;
import org.metalearn.data.DatasetException;
import org.metalearn.data.Downloader;

/**
 * Lake et al.'s 20 one-shot classification runs (20-way, 1-shot, within alphabet, from the evaluation alphabets):
 * the official {@code all_runs.zip} in the Omniglot folder, downloaded with an MD5 check when missing and read in
 * place ({@link OneShotRuns}), or the unpacked {@code all_runs/} folder a user put there.
 */
public final class LakeRuns {
    /** MD5 of the official {@code python/one-shot-classification/all_runs.zip}. */
    public static final String MD5 = "e8996daecdf12afeeb4a53a179f06b19";
    public static final String FILE = "all_runs.zip";

    private LakeRuns() {
    }

    /** The runs under the configured data root: {@code <data>/omniglot/all_runs.zip}, fetched if absent. */
    public static Path path() {
        return path(Omniglot.directory());
    }

    /** The runs in {@code omniglotDir}: its unpacked {@code all_runs/} folder or its zip, fetched if neither. */
    public static Path path(Path omniglotDir) {
        Path folder = omniglotDir.resolve("all_runs");
        if (Files.isDirectory(folder)) {
            return folder;
        }
        Path zip = omniglotDir.resolve(FILE);
        if (!Files.isRegularFile(zip)) {
            String url = System.getProperty(Omniglot.URL_PROPERTY, Omniglot.DEFAULT_URL)
                    + "one-shot-classification/" + FILE;
            try {
                Downloader.download(URI.create(url), zip, MD5);
            } catch (DatasetException e) {
                throw new DatasetException(String.format(Locale.ROOT, "Omniglot's one-shot runs are not in %s "
                        + "(expected %s or the unpacked all_runs/) and downloading %s failed: %s%nPut the official "
                        + "file there, or point to a folder whose omniglot/ has it: %s", omniglotDir, FILE, url,
                        e.getMessage(), DataDirectory.howToConfigure()), e);
            }
        }
        return zip;
    }
}
