package org.metalearn.sparkapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark route as users take it: standalone clusters (master and worker in JVMs of their own) started from the
 * Spark distributions users install, the application jar submitted as the guide says, with no class-path flags.
 * The tables must equal the local executor's in every metric's bits; a worker killed mid-sweep and a re-submission
 * must give the same table with the finished runs' files untouched; an Omniglot sweep finds its data on the nodes
 * through METALEARN_DATA; the mistakes a cluster user makes get one line each. A halving search (its rungs trained
 * on the executors, its decisions on the driver) gives the local search's table, also when its driver is killed
 * mid-search and the command submitted again.
 */
class StandaloneClusterIT {
    private static final Duration RUN = Duration.ofMinutes(6);
    private static final Map<String, StandaloneCluster> CLUSTERS = new LinkedHashMap<>();

    @TempDir
    static Path clusters;

    @AfterAll
    static void stopClusters() {
        CLUSTERS.values().forEach(StandaloneCluster::close);
    }

    private static synchronized StandaloneCluster cluster(SparkDistributions.Home home) throws Exception {
        StandaloneCluster c = CLUSTERS.get(home.version());
        if (c == null) {
            c = new StandaloneCluster(home.path(), clusters.resolve("spark-" + home.version()));
            CLUSTERS.put(home.version(), c);
        }
        return c;
    }

    /** The guide's sine sweep, 2 algorithms x 2 inner-step counts. */
    private static String sineSweep(Path store) {
        return "meta().sweep(meta().reptile().on(sine()).metaIterations(600).evaluateEvery(200, 20))\n"
                + ".vary(Sweep.algorithms(Sweep.reptile(), Sweep.fomaml())).vary(Sweep.innerSteps(1, 3))\n"
                + ".store(Path.of(\"" + store + "\"))";
    }

    @Test
    void theGuidesCommandGivesTheLocalTableOnEverySpark(@TempDir Path dir) throws Exception {
        Path jar = Definitions.jar(dir.resolve("defs"), "InnerStepsSweep", sineSweep(dir.resolve("store")));
        String local = Definitions.localCsv(jar, "com.example.InnerStepsSweep", dir.resolve("local-store"));
        List<SparkDistributions.Home> homes = SparkDistributions.homes();
        for (SparkDistributions.Home home : homes) {
            Path store = dir.resolve("store");
            deleteTree(store); // each Spark computes every run afresh
            Path table = dir.resolve("table-" + home.version() + ".csv");
            var out = cluster(home).submit(dir.resolve("submit-" + home.version() + ".log"), Map.of(), RUN,
                    guideCommand(cluster(home), jar, "com.example.InnerStepsSweep", table));
            assertEquals(0, out.exit(), home + ": " + out.output());
            assertTrue(out.output().contains("reptile"), "the table is printed");
            assertEquals(withoutSeconds(local), withoutSeconds(Files.readString(table)), home.toString());
        }
    }

    @Test
    void aWorkerKilledMidSweepThenResubmittedGivesTheUninterruptedTable(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        // two short runs go first (partitions 0 and 1 on the worker's 2 cores), then two long ones
        String sweep = "meta().sweep(meta().reptile().on(sine()).evaluateEvery(300, 20))\n"
                + ".vary(Sweep.metaIterations(300, 6000)).vary(Sweep.innerSteps(1, 2)).checkpointEvery(150)\n"
                + ".store(Path.of(\"" + store + "\"))";
        Path jar = Definitions.jar(dir.resolve("defs"), "KilledSweep", sweep);
        String uninterrupted = Definitions.localCsv(jar, "com.example.KilledSweep", dir.resolve("local-store"));
        SparkDistributions.Home home = SparkDistributions.homes().get(0);
        StandaloneCluster cluster = cluster(home);
        Path table = dir.resolve("table.csv");
        String[] command = guideCommand(cluster, jar, "com.example.KilledSweep", table);
        Process first = cluster.startSubmit(dir.resolve("first.log"), Map.of(), command);
        long end = System.nanoTime() + RUN.toNanos();
        while (!(finished(store).size() == 2 && !unfinishedWithCheckpoint(store).isEmpty())) {
            if (System.nanoTime() > end || !first.isAlive()) {
                fail("no moment with 2 runs finished and one mid-run: "
                        + Files.readString(dir.resolve("first.log")));
            }
            Thread.sleep(100);
        }
        var executors = cluster.killWorker();
        List<Path> done = finished(store);
        Map<Path, String> finishedFiles = fingerprints(done);
        for (ProcessHandle e : executors) { // an executor exits once it loses its worker
            assertTrue(e.onExit().orTimeout(60, TimeUnit.SECONDS)
                    .handle((h, t) -> t == null).join(), "executor " + e.pid() + " outlived its worker");
        }
        first.destroyForcibly(); // the stuck driver, as a user would stop it
        first.onExit().join();
        assertFalse(Files.exists(table));
        cluster.startWorker();
        var out = cluster.submit(dir.resolve("second.log"), Map.of(), RUN, command);
        assertEquals(0, out.exit(), out.output());
        assertEquals(withoutSeconds(uninterrupted), withoutSeconds(Files.readString(table)));
        assertEquals(finishedFiles, fingerprints(done), "finished runs' files untouched");
        assertEquals(4, finished(store).size());
    }

    @Test
    void aHalvingSearchGivesTheLocalTableAlsoWhenItsDriverIsKilledAndResubmitted(@TempDir Path dir)
            throws Exception {
        Path store = dir.resolve("store");
        // 9 sampled runs, rungs at 10, 30 and 90; 20 ms per meta-iteration (listeners are not part of a run) so the
        // kill lands mid-search
        String sweep = "meta().sweep(meta().reptile().on(sine()).metaIterations(90).evaluateEvery(10, 20)\n"
                + ".listener(r -> { try { Thread.sleep(20); } catch (InterruptedException e) { "
                + "Thread.currentThread().interrupt(); } }))\n"
                + ".vary(Sweep.sample(9, 1, Sweep.logUniform(\"innerSgd\", 0.002, 0.2), "
                + "Sweep.integers(\"innerSteps\", 1, 8))).checkpointEvery(10)\n"
                + ".store(Path.of(\"" + store + "\"))";
        Path jar = Definitions.jar(dir.resolve("defs"), "SineSearch", sweep);
        Path localStore = dir.resolve("local-store");
        String local = Definitions.localSearchCsv(jar, "com.example.SineSearch", localStore, 3, 10);
        long rungResults = done(localStore);
        List<SparkDistributions.Home> homes = SparkDistributions.homes();
        for (int h = 0; h < homes.size(); h++) {
            SparkDistributions.Home home = homes.get(h);
            deleteTree(store);
            StandaloneCluster cluster = cluster(home);
            Path table = dir.resolve("search-" + home.version() + ".csv");
            // one rung at a time: the local search's order of decisions, so its table
            List<String> command = new ArrayList<>(List.of("--conf", "spark.default.parallelism=1"));
            command.addAll(List.of(guideCommand(cluster, jar, "com.example.SineSearch", table)));
            command.addAll(List.of("--halving", "3", "10"));
            String[] args = command.toArray(String[]::new);
            if (h == 0) { // the driver killed once some rungs are done, then the same command again
                Process first = cluster.startSubmit(dir.resolve("killed-" + home.version() + ".log"), Map.of(), args);
                long end = System.nanoTime() + RUN.toNanos();
                while (done(store) < 5) {
                    if (System.nanoTime() > end || !first.isAlive()) {
                        fail("no moment with 5 rung results: " + Files.readString(dir.resolve("killed-"
                                + home.version() + ".log")));
                    }
                    Thread.sleep(50);
                }
                first.destroyForcibly(); // SIGKILL to the driver's JVM (spark-submit execs it)
                first.onExit().join();
                assertFalse(Files.exists(table));
                assertTrue(done(store) < rungResults, "killed mid-search");
            }
            var out = cluster.submit(dir.resolve("search-" + home.version() + ".log"), Map.of(), RUN, args);
            assertEquals(0, out.exit(), home + ": " + out.output());
            assertEquals(withoutSeconds(local), withoutSeconds(Files.readString(table)), home.toString());
            assertEquals(rungResults, done(store), home + ": every rung trained once, none twice");
        }
    }

    /** The rung results in the search journals under {@code store}. */
    private static long done(Path store) throws IOException {
        Path searches = store.resolve("searches");
        if (!Files.isDirectory(searches)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> journals = Files.list(searches)) {
            for (Path j : journals.filter(f -> f.toString().endsWith(".txt")).toList()) {
                n += Files.readAllLines(j).stream().filter(l -> l.startsWith("done ")).count();
            }
        }
        return n;
    }

    @Test
    void anOmniglotSweepFindsItsDataOnTheNodesThroughMetalearnData(@TempDir Path dir) throws Exception {
        String data = SparkDistributions.omniglotData();
        String sweep = "meta().sweep(meta().reptile().on(omniglot()).metaIterations(10).evaluateEvery(10, 4)\n"
                + ".evalProtocol(5, 5)).vary(Sweep.innerSteps(1, 2)).store(Path.of(\"" + dir.resolve("store")
                + "\"))";
        Path jar = Definitions.jar(dir.resolve("defs"), "OmniglotSweep", sweep);
        StandaloneCluster cluster = cluster(SparkDistributions.homes().get(0));
        Path table = dir.resolve("table.csv");
        List<String> command = new ArrayList<>(List.of(guideCommand(cluster, jar, "com.example.OmniglotSweep",
                table)));
        command.addAll(0, List.of("--conf", "spark.executorEnv.METALEARN_DATA=" + data));
        // the driver builds the sweep too, so it reads the data as the user's shell gives it
        var out = cluster.submit(dir.resolve("submit.log"), Map.of("METALEARN_DATA", data), RUN,
                command.toArray(String[]::new));
        assertEquals(0, out.exit(), out.output());
        String local = Definitions.localCsv(jar, "com.example.OmniglotSweep", dir.resolve("local-store"));
        assertEquals(withoutSeconds(local), withoutSeconds(Files.readString(table)));
        assertTrue(Files.readString(table).lines().skip(1).allMatch(l -> !l.contains(",,")), "every cell filled");
    }

    @Test
    void aClusterUsersMistakesGetOneLineEach(@TempDir Path dir) throws Exception {
        StandaloneCluster cluster = cluster(SparkDistributions.homes().get(0));
        Path jar = Definitions.jar(dir.resolve("defs"), "InnerStepsSweep", sineSweep(dir.resolve("store")));
        Path table = dir.resolve("table.csv");
        String[] good = guideCommand(cluster, jar, "com.example.InnerStepsSweep", table);

        // the definitions' jar on the driver's class path instead of --jars: below the application jar's loader
        List<String> driverOnly = new ArrayList<>(List.of(good));
        int jars = driverOnly.indexOf("--jars");
        driverOnly.set(jars, "--driver-class-path");
        assertOneLine(cluster, dir, "driver-only", driverOnly, "metalearn spark: spark sweep: "
                + "com.example.InnerStepsSweep cannot be loaded (java.lang.NoClassDefFoundError: "
                + "org/metalearn/spark/SweepDefinition): pass the jar that holds it with --jars, not on the driver's "
                + "class path");

        // no jar holds the definition
        List<String> missing = new ArrayList<>(List.of(good));
        missing.subList(jars, jars + 2).clear();
        assertOneLine(cluster, dir, "missing", missing,
                "metalearn spark: spark sweep: no class com.example.InnerStepsSweep on the classpath: pass the jar "
                        + "that holds it with --jars");

        List<String> speculation = new ArrayList<>(List.of(good));
        speculation.set(speculation.indexOf("spark.speculation=false"), "spark.speculation=true");
        assertOneLine(cluster, dir, "speculation", speculation, "metalearn spark: spark sweep: spark.speculation "
                + "is on");

        Path relative = Definitions.jar(dir.resolve("defs-relative"), "RelativeSweep",
                "meta().sweep(meta().reptile().on(sine()).metaIterations(10)).vary(Sweep.innerSteps(1, 3))"
                        + ".store(Path.of(\"runs\"))");
        assertOneLine(cluster, dir, "relative",
                List.of(guideCommand(cluster, relative, "com.example.RelativeSweep", table)),
                "metalearn spark: spark sweep: the run store 'runs' is relative");

        // a driver of the user's own, started without spark-submit: nothing is shipped to the executors
        var out = cluster.java(dir.resolve("plain-java.log"), RUN, List.of(
                SparkDistributions.sparkJars(cluster), SparkDistributions.applicationJar().toString(),
                jar.toString()), "-Dspark.master=" + cluster.url(), "-Dspark.speculation=false",
                "org.metalearn.spark.SweepMain", "com.example.InnerStepsSweep", table.toString());
        assertOneLine("plain-java", out, "metalearn spark: spark sweep: org.metalearn.spark.SparkSweeps comes from "
                + SparkDistributions.applicationJar() + ", which Spark does not ship to the executors (it ships no "
                + "jars)");
        assertFalse(Files.exists(table));
        assertFalse(Files.exists(dir.resolve("store")), "no run started");
    }

    private static void assertOneLine(StandaloneCluster cluster, Path dir, String name, List<String> command,
                                      String expected) throws Exception {
        assertOneLine(name, cluster.submit(dir.resolve(name + ".log"), Map.of(), RUN, command.toArray(String[]::new)),
                expected);
    }

    private static void assertOneLine(String name, StandaloneCluster.Submission out, String expected) {
        assertEquals(2, out.exit(), name + ": " + out.output());
        List<String> ours = out.output().lines().filter(l -> l.startsWith("metalearn spark: ")).toList();
        assertEquals(1, ours.size(), name + ": " + out.output());
        assertTrue(ours.get(0).startsWith(expected), name + ": " + ours.get(0));
        assertFalse(out.output().contains("Exception in thread"), name + ": " + out.output());
    }

    /** The guide's spark-submit line, with this cluster, definitions jar, class and table. */
    private static String[] guideCommand(StandaloneCluster cluster, Path definitions, String className, Path table) {
        return new String[] {"--class", "org.metalearn.spark.SweepMain", "--master", cluster.url(),
            "--conf", "spark.speculation=false", "--jars", definitions.toString(),
            SparkDistributions.applicationJar().toString(), className, table.toString()};
    }

    /** The CSV without its {@code seconds} column (wall time), one string: equal strings are equal bits. */
    static String withoutSeconds(String csv) {
        List<String> lines = csv.lines().toList();
        int seconds = List.of(lines.get(0).split(",")).indexOf("seconds");
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(seconds);
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    private static List<Path> finished(Path store) throws IOException {
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        try (Stream<Path> runs = Files.list(store)) {
            return runs.filter(r -> Files.exists(r.resolve("result.txt"))).sorted().toList();
        }
    }

    private static List<Path> unfinishedWithCheckpoint(Path store) throws IOException {
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        try (Stream<Path> runs = Files.list(store)) {
            return runs.filter(r -> Files.exists(r.resolve("checkpoint.bin"))
                    && !Files.exists(r.resolve("result.txt"))).toList();
        }
    }

    /** Every file of the runs: content and modification time. */
    private static Map<Path, String> fingerprints(List<Path> runs) throws IOException {
        Map<Path, String> prints = new TreeMap<>();
        for (Path run : runs) {
            try (Stream<Path> files = Files.list(run)) {
                for (Path f : files.toList()) {
                    prints.put(f, Files.getLastModifiedTime(f) + " " + Arrays.hashCode(Files.readAllBytes(f)));
                }
            }
        }
        return prints;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
