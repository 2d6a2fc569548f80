package org.metalearn.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the Omniglot copy for tests: METALEARN_DATA / -Dmetalearn.data, else the shared folder beside the
 * repository. Missing data fails the test with instructions, unless METALEARN_SKIP_DATA_TESTS=1.
 */
public final class TestData {
    private TestData() {
    }

    public static Path omniglotDirectory() {
        Path configured = DataDirectory.root().resolve("omniglot");
        for (Path candidate : new Path[] {configured, Path.of("../../shared/data/omniglot"), Path.of("../shared/data/omniglot")}) {
            if (Files.isRegularFile(candidate.resolve("images_background.zip"))) {
                return candidate;
            }
        }
        if ("1".equals(System.getenv("METALEARN_SKIP_DATA_TESTS"))) {
            Assumptions.abort("Omniglot not found and METALEARN_SKIP_DATA_TESTS=1");
        }
        throw new IllegalStateException("Omniglot test data not found in " + configured
                + " or ../../shared/data/omniglot; " + DataDirectory.howToConfigure()
                + ", or set METALEARN_SKIP_DATA_TESTS=1 to skip the data tests");
    }
}
