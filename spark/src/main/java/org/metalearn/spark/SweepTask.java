package org.metalearn.spark;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.metalearn.dsl.RunPoint;
import org.metalearn.dsl.Sweep;
import org.metalearn.dsl.SweepRow;

/**
 * One sweep run as a Spark task: builds the sweep from its definition on the executor, checks it is the driver's
 * sweep (the same point at this index, the same store folder), and computes its row, or reads it back when the
 * store holds it finished. Single-threaded: Spark shares out the executor's cores, one task per core. Every
 * failure names the point and where it ran.
 */
final class SweepTask implements Function<RunPoint, SweepRow> {
    private static final long serialVersionUID = 1L;

    private final SweepDefinition definition;
    /** The driver's store folder, absolute (a Path is not serializable). */
    private final String store;

    SweepTask(SweepDefinition definition, Path store) {
        this.definition = definition;
        this.store = store.toAbsolutePath().normalize().toString();
    }

    @Override
    public SweepRow call(RunPoint point) {
        Sweep sweep = build(definition, store, point, point.toString());
        try {
            return sweep.job().run(point, 1);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(where(point.toString()) + ": " + e, e);
        }
    }

    /**
     * The sweep of {@code definition} built on this executor, checked to be the driver's: {@code point} at its
     * index, the driver's absolute store folder {@code store}; failures name {@code what} and where it ran.
     */
    static Sweep build(SweepDefinition definition, String store, RunPoint point, String what) {
        Sweep sweep;
        try {
            sweep = definition.get();
        } catch (RuntimeException | LinkageError e) { // a class or native library missing on this node included
            throw new IllegalStateException(where(what) + ": the sweep definition failed to build: " + e, e);
        }
        if (sweep == null) {
            throw new IllegalStateException(where(what) + ": the sweep definition built null");
        }
        // a definition that reads something else here (an environment variable, a file) would run another sweep
        List<RunPoint> points = sweep.points();
        if (point.index() >= points.size() || !points.get(point.index()).equals(point)) {
            throw new IllegalStateException(where(what) + ": the sweep definition built another sweep on the "
                    + "executor: " + sweep);
        }
        // a relative store resolves against each executor's working directory: runs would land out of sight
        String here = sweep.runStore().root().toAbsolutePath().normalize().toString();
        if (!here.equals(store)) {
            throw new IllegalStateException(where(what) + ": the run store is " + here + " on the executor but "
                    + store + " on the driver; give the sweep an absolute store folder on a filesystem every node "
                    + "shares");
        }
        return sweep;
    }

    /** e.g. {@code spark sweep run 3 {innerSteps=2} (executor driver on host n1, attempt 0)} for {@code what}. */
    static String where(String what) {
        SparkEnv env = SparkEnv.get();
        TaskContext task = TaskContext.get();
        return "spark sweep " + what + " (executor " + (env == null ? "?" : env.executorId()) + " on host "
                + host() + (task == null ? "" : ", attempt " + task.attemptNumber()) + ")";
    }

    /**
     * The line a user needs from a failure: a task's failure comes back from an executor inside Spark's "Job
     * aborted" report with the remote stack trace; its "spark sweep run ..." line names the run, the host and the
     * cause. Other failures give their first line.
     */
    static String reported(Exception e) {
        String text = String.valueOf(e.getMessage());
        for (String line : text.split("\\R")) {
            int at = line.indexOf("spark sweep ");
            if (at >= 0) {
                return line.substring(at);
            }
        }
        return text.lines().findFirst().orElse(text);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "?";
        }
    }
}
