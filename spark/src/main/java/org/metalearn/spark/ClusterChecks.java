package org.metalearn.spark;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * What a sweep needs from a Spark cluster, checked on the driver before any run starts, each with one message that
 * says what to change: a Spark this jar runs on, every class the executors need shipped to them, speculation off
 * and an absolute store. The executors' failures would otherwise come back as a stack trace per retried task.
 */
final class ClusterChecks {
    /** The Spark lines the application jar is built for (it calls Spark's Java API only: Scala 2.12 or 2.13). */
    static final String SUPPORTED = "Spark 3.5 (Scala 2.12 or 2.13) and Spark 4 (Scala 2.13)";

    private ClusterChecks() {
    }

    /** Refuses a Spark version outside 3.5.x and 4.x, e.g. {@code 3.4.1} or {@code 5.0.0}. */
    static void sparkVersion(String version) {
        String[] parts = version == null ? new String[0] : version.split("[.-]");
        int major = parts.length > 1 ? number(parts[0]) : -1;
        int minor = parts.length > 1 ? number(parts[1]) : -1;
        if (!(major == 3 && minor >= 5 || major == 4)) {
            throw new IllegalStateException("spark sweep: the cluster runs Spark " + version + "; the metalearn "
                    + "application jar runs on " + SUPPORTED);
        }
    }

    /** Refuses speculative execution: two attempts of one run would write the same checkpoint. */
    static void speculationOff(JavaSparkContext sc) {
        if (sc.getConf().getBoolean("spark.speculation", false)) {
            throw new IllegalStateException("spark sweep: spark.speculation is on; two attempts of one run would "
                    + "write the same checkpoint. Set spark.speculation=false");
        }
    }

    /** On a cluster, refuses a relative store: each executor would resolve it against its own working folder. */
    static void absoluteStore(JavaSparkContext sc, Path store) {
        if (!local(sc) && !store.isAbsolute()) {
            throw new IllegalArgumentException("spark sweep: the run store '" + store + "' is relative; on a "
                    + "cluster give the sweep an absolute folder on a filesystem every node mounts, e.g. "
                    + "store(Path.of(\"/mnt/nfs/metalearn/runs\"))");
        }
    }

    /**
     * On a cluster, refuses to start when a class the executors need comes from a folder or a jar Spark does not
     * ship ({@code --jars}, the application jar, {@code sc.addJar}): the executors would fail to deserialize the
     * runs. Skipped when {@code spark.executor.extraClassPath} names jars installed on the nodes.
     */
    static void shipped(JavaSparkContext sc, List<Class<?>> classes) {
        if (local(sc) || !sc.getConf().get("spark.executor.extraClassPath", "").isBlank()) {
            return;
        }
        Set<String> jars = sc.jars().stream().map(ClusterChecks::fileName).collect(Collectors.toSet());
        for (Class<?> c : classes) {
            Path from = location(c);
            if (from == null || Files.isDirectory(from) || !jars.contains(from.getFileName().toString())) {
                throw new IllegalStateException("spark sweep: " + c.getName() + " comes from "
                        + (from == null ? "no file" : from) + ", which Spark does not ship to the executors (it "
                        + "ships " + (jars.isEmpty() ? "no jars" : String.join(", ", jars.stream().sorted()
                        .toList())) + "). Submit the metalearn application jar as the application and your "
                        + "definitions' jar with --jars (see docs/spark.md)");
            }
        }
    }

    private static boolean local(JavaSparkContext sc) {
        return sc.master().startsWith("local");
    }

    private static Path location(Class<?> c) {
        var source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code spark://host:port/jars/a.jar}, {@code file:/x/a.jar} and {@code /x/a.jar} all give {@code a.jar}. */
    static String fileName(String jar) {
        return jar.substring(jar.lastIndexOf('/') + 1);
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
