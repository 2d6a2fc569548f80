package org.metalearn.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the Omniglot copy for tests: METALEARN_DATA / -Dmetalearn.data (CI sets it), else a folder
 * {@code shared/data/omniglot} beside the repository or one of its parents (the workplace's copy). Missing data
 * fails the test with instructions, unless METALEARN_SKIP_DATA_TESTS=1.
 */
public final class TestData {
    private TestData() {
    }

    public static Path omniglotDirectory() {
        Path configured = DataDirectory.root().resolve("omniglot");
        if (hasOmniglot(configured)) {
            return configured;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("data").resolve("omniglot");
            if (hasOmniglot(candidate)) {
                return candidate;
            }
        }
        if ("1".equals(System.getenv("METALEARN_SKIP_DATA_TESTS"))) {
            Assumptions.abort("Omniglot not found and METALEARN_SKIP_DATA_TESTS=1");
        }
        throw new IllegalStateException("Omniglot test data not found in " + configured
                + " nor in a shared/data/omniglot folder beside the repository; " + DataDirectory.howToConfigure()
                + ", or set METALEARN_SKIP_DATA_TESTS=1 to skip the data tests");
    }

    /** A test body that may throw. */
    public interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} with {@code -Dmetalearn.data} pointing at the folder of {@link #omniglotDirectory()}, as the
     * commands under test read it, and puts the property back as it was afterwards.
     */
    public static void withOmniglotData(Body body) throws Exception {
        String previous = System.getProperty(DataDirectory.PROPERTY);
        System.setProperty(DataDirectory.PROPERTY, omniglotDirectory().getParent().toString());
        try {
            body.run();
        } finally {
            if (previous == null) {
                System.clearProperty(DataDirectory.PROPERTY);
            } else {
                System.setProperty(DataDirectory.PROPERTY, previous);
            }
        }
    }

    private static boolean hasOmniglot(Path dir) {
        return Files.isRegularFile(dir.resolve("images_background.zip"));
    }
}
