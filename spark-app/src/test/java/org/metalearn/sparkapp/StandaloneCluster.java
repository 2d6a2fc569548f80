package org.metalearn.sparkapp;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 started from a Spark distribution as its own users start one: a master
 * and a worker, each a JVM of its own ({@code bin/spark-class}), then applications through {@code bin/spark-submit}.
 * Every process it starts, the worker's executors included, is killed by PID on {@link #close()}.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(90);

    private final Path sparkHome;
    private final Path dir;
    private final int port;
    private final List<Process> started = new ArrayList<>();
    private final List<ProcessHandle> orphans = new ArrayList<>();
    private Process worker;
    private int workers;

    StandaloneCluster(Path sparkHome, Path dir) throws IOException, InterruptedException {
        this.sparkHome = sparkHome;
        this.dir = Files.createDirectories(dir);
        Files.createDirectories(dir.resolve("conf")); // an empty SPARK_CONF_DIR: no site settings leak in
        this.port = freePort();
        Process master = start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        await(master, dir.resolve("master.log"), "I have been elected leader");
        startWorker();
    }

    String url() {
        return "spark://127.0.0.1:" + port;
    }

    /** Starts a worker with 2 cores; it inherits no METALEARN_DATA (the executors get it through the submission). */
    void startWorker() throws IOException, InterruptedException {
        workers++;
        String name = "worker" + workers;
        worker = start(name, "org.apache.spark.deploy.worker.Worker", "--cores", "2", "--memory", "6g",
                "--work-dir", Files.createDirectories(dir.resolve(name + "-work")).toString(), "--webui-port",
                String.valueOf(freePort()), url());
        await(worker, dir.resolve(name + ".log"), "Successfully registered with master");
    }

    /** SIGKILL to the worker JVM alone, as a crashed node: its executors find out by themselves. */
    List<ProcessHandle> killWorker() {
        List<ProcessHandle> executors = worker.descendants().toList();
        orphans.addAll(executors); // not the worker's descendants any more once it is gone: close() kills them
        worker.destroyForcibly();
        worker.onExit().join();
        return executors;
    }

    /** Runs {@code spark-submit args} to the end (at most {@code limit}); its output goes to {@code log}. */
    Submission submit(Path log, Map<String, String> env, Duration limit, String... args)
            throws IOException, InterruptedException {
        Process p = startSubmit(log, env, args);
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("spark-submit did not finish in " + limit + ": " + Files.readString(log));
        }
        return new Submission(p.exitValue(), Files.readString(log));
    }

    /**
     * Runs a driver JVM of the user's own (no spark-submit): {@code java} with Spark's Java 17 options, the class
     * path {@code classpath} and {@code args}.
     */
    Submission java(Path log, Duration limit, List<String> classpath, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(List.of(System.getProperty("metalearn.spark.java17.options", "").trim().split("\\s+")));
        command.addAll(List.of("-cp", String.join(":", classpath)));
        command.addAll(List.of(args));
        Process p = track(builder(command, log).start());
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("java did not finish in " + limit + ": " + Files.readString(log));
        }
        return new Submission(p.exitValue(), Files.readString(log));
    }

    Path sparkHome() {
        return sparkHome;
    }

    /** Starts {@code spark-submit args} and returns at once. */
    Process startSubmit(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(sparkHome.resolve("bin/spark-submit").toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = builder(command, log);
        b.environment().putAll(env);
        return track(b.start());
    }

    record Submission(int exit, String output) {
    }

    private Process start(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(sparkHome.resolve("bin/spark-class").toString(), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder b = builder(command, dir.resolve(name + ".log"));
        b.environment().remove("METALEARN_DATA");
        return track(b.start());
    }

    private ProcessBuilder builder(List<String> command, Path log) {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = b.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_CONF_DIR", dir.resolve("conf").toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        env.remove("SPARK_MASTER_HOST");
        return b;
    }

    private Process track(Process p) {
        synchronized (started) {
            started.add(p);
        }
        return p;
    }

    private static void await(Process p, Path log, String line) throws IOException, InterruptedException {
        long end = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("exited (" + p.exitValue() + ") before '" + line + "': "
                        + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + line + "' in " + START + ": " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Kills every process started here and their descendants (executors, drivers' children), by PID. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(orphans);
        synchronized (started) {
            for (Process p : started) {
                p.descendants().forEach(all::add);
                all.add(p.toHandle());
            }
        }
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            h.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> h).join();
        }
    }
}
