package org.metalearn.data;

import java.nio.file.Path;

/**
 * Where data sets live: an explicit path, else system property {@code metalearn.data}, else environment variable
 * {@code METALEARN_DATA}, else {@code ~/.cache/metalearn}. Each data set has a sub-folder (e.g. {@code omniglot/}).
 */
public final class DataDirectory {
    public static final String PROPERTY = "metalearn.data";
    public static final String ENVIRONMENT = "METALEARN_DATA";

    private DataDirectory() {
    }

    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "metalearn");
    }

    /** Where derived files (decoded caches) go: {@code metalearn.cache}, else {@code ~/.cache/metalearn/derived}. */
    public static Path cacheRoot() {
        String configured = System.getProperty("metalearn.cache");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "metalearn", "derived");
    }

    /** Where the configured root would be found, for error messages. */
    public static String howToConfigure() {
        return "set -D" + PROPERTY + "=DIR or the environment variable " + ENVIRONMENT + "=DIR (default ~/.cache/metalearn)";
    }
}
