package org.metalearn.sparkapp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the cluster test finds what it runs: Spark distributions ({@code METALEARN_SPARK_HOMES}, folders separated
 * by ':', e.g. the {@code pyspark} folders of {@code pip install pyspark==3.5.3} and {@code ==4.0.1}), the
 * application jar this module built, and Omniglot ({@code METALEARN_DATA}). Missing ones skip the test, unless
 * {@code METALEARN_REQUIRE_SPARK=1} (CI), where they fail it, and a Spark 3.5 and a Spark 4 are both required.
 */
final class SparkDistributions {
    private static final Pattern CORE = Pattern.compile("spark-core_(2\\.1[0-9])-([0-9][^/]*)\\.jar");

    record Home(Path path, String version, String scala) {
        @Override
        public String toString() {
            return "Spark " + version + " (Scala " + scala + ") at " + path;
        }
    }

    private SparkDistributions() {
    }

    static List<Home> homes() throws IOException {
        String spec = System.getenv().getOrDefault("METALEARN_SPARK_HOMES", "");
        List<Home> homes = new ArrayList<>();
        for (String folder : spec.split(":")) {
            if (!folder.isBlank()) {
                homes.add(home(Path.of(folder)));
            }
        }
        homes.sort(Comparator.comparing(Home::version));
        if (required()) {
            if (homes.stream().noneMatch(h -> h.version().startsWith("3.5."))
                    || homes.stream().noneMatch(h -> h.version().startsWith("4."))) {
                throw new AssertionError("METALEARN_REQUIRE_SPARK=1 needs a Spark 3.5 and a Spark 4 in "
                        + "METALEARN_SPARK_HOMES, got: " + homes);
            }
        } else {
            Assumptions.assumeFalse(homes.isEmpty(), "no Spark distribution in METALEARN_SPARK_HOMES");
        }
        return homes;
    }

    static Path applicationJar() {
        Path jar = Path.of(System.getProperty("metalearn.app.jar", "target/missing.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no application jar at " + jar + " (mvn package builds it)");
        }
        return jar;
    }

    static String omniglotData() {
        String data = System.getenv().getOrDefault("METALEARN_DATA", "");
        boolean present = !data.isBlank() && Files.exists(Path.of(data, "omniglot", "images_background.zip"));
        if (required() && !present) {
            throw new AssertionError("METALEARN_REQUIRE_SPARK=1 needs Omniglot in METALEARN_DATA, got '" + data + "'");
        }
        Assumptions.assumeTrue(present, "no Omniglot in METALEARN_DATA");
        return Path.of(data).toAbsolutePath().toString();
    }

    /** The class-path entry for every jar of the cluster's Spark distribution. */
    static String sparkJars(StandaloneCluster cluster) {
        return cluster.sparkHome().resolve("jars") + "/*";
    }

    private static boolean required() {
        return "1".equals(System.getenv("METALEARN_REQUIRE_SPARK"));
    }

    private static Home home(Path folder) throws IOException {
        if (!Files.isExecutable(folder.resolve("bin/spark-submit")) || !Files.isDirectory(folder.resolve("jars"))) {
            throw new AssertionError("METALEARN_SPARK_HOMES: " + folder + " is not a Spark distribution "
                    + "(no bin/spark-submit or jars/)");
        }
        try (Stream<Path> jars = Files.list(folder.resolve("jars"))) {
            for (Path jar : jars.toList()) {
                Matcher m = CORE.matcher(jar.getFileName().toString());
                if (m.matches()) {
                    return new Home(folder.toAbsolutePath(), m.group(2), m.group(1));
                }
            }
        }
        throw new AssertionError("METALEARN_SPARK_HOMES: no spark-core jar in " + folder.resolve("jars"));
    }
}
