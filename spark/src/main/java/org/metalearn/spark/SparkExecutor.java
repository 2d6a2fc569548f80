package org.metalearn.spark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.metalearn.dsl.HalvingSearch;
import org.metalearn.dsl.RunPoint;
import org.metalearn.dsl.RungTrainer;
import org.metalearn.dsl.Sweep;
import org.metalearn.dsl.SweepExecutor;
import org.metalearn.dsl.SweepJob;
import org.metalearn.dsl.SweepRow;

/**
 * The executor {@link SparkSweeps#executor} makes: a sweep's runs as one Spark task each, and a halving search's
 * rungs as one-task Spark jobs, as many at once as the cluster runs tasks, while the search's decisions stay on
 * the driver. It runs the sweep its definition builds (and halving searches of it) only: given another sweep's
 * points or store it fails before submitting anything.
 */
final class SparkExecutor implements SweepExecutor {
    /** How long a search waits for the first executor to register before it counts the cluster's cores. */
    private static final long REGISTRATION_MILLIS = TimeUnit.SECONDS.toMillis(30);

    private final JavaSparkContext sc;
    private final SweepDefinition definition;

    SparkExecutor(JavaSparkContext sc, SweepDefinition definition) {
        this.sc = sc;
        this.definition = definition;
    }

    @Override
    public List<SweepRow> execute(List<RunPoint> points, SweepJob job) {
        // the executors compute the definition's sweep, not the job handed in: they must be the same
        Sweep sweep = SparkSweeps.build(definition);
        if (!sweep.points().equals(points) || !sameFolder(sweep.runStore().root(), job.store().root())) {
            throw new IllegalArgumentException("spark sweep: the executor was made for " + sweep + " but is asked "
                    + "to run other points or another store; run the sweep its definition builds");
        }
        checkCluster(sweep);
        if (points.isEmpty()) {
            return List.of();
        }
        // one partition per point: each run is its own task, scheduled (and retried) on its own; collect keeps
        // the partition order, which is the points' order
        sc.setJobDescription("metalearn " + sweep);
        try {
            return sc.parallelize(points, points.size()).map(new SweepTask(definition, job.store().root()))
                    .collect();
        } finally {
            sc.setJobDescription(null);
        }
    }

    /**
     * The rungs of {@code search} as one-task Spark jobs, {@link #slots()} at once; each blocks its search thread
     * until its row is back, so a free slot is filled by the driver's next decision.
     */
    @Override
    public RungTrainer rungs(HalvingSearch search) {
        Sweep sweep = SparkSweeps.build(definition);
        HalvingSearch same = sweep.halving(search.eta(), search.minIterations());
        if (!same.points().equals(search.points()) || !sameFolder(sweep.runStore().root(), search.runStore().root())
                || !sameRungs(same.rungs(), search.rungs())) {
            throw new IllegalArgumentException("spark sweep: the executor was made for " + sweep + " but is asked "
                    + "to search other runs or another store; run a halving search of the sweep its definition "
                    + "builds");
        }
        checkCluster(sweep);
        int slots = slots();
        Path store = sweep.runStore().root();
        return new RungTrainer() {
            @Override
            public int slots() {
                return slots;
            }

            @Override
            public SweepRow train(RunPoint point, long iteration) {
                sc.setJobDescription("metalearn halving " + point + " to meta-iteration " + iteration);
                try {
                    return sc.parallelize(List.of(point), 1).map(new RungTask(definition, store, search.eta(),
                            search.minIterations(), iteration)).collect().get(0);
                } catch (Exception e) { // Spark throws its checked SparkException unchecked
                    if (e instanceof RuntimeException r) {
                        throw r;
                    }
                    // the same exception whichever slot thread it fails on, with the line that names the rung
                    throw new IllegalStateException(SweepTask.reported(e), e);
                } finally {
                    sc.setJobDescription(null);
                }
            }
        };
    }

    /**
     * How many tasks the cluster runs at once: {@code spark.default.parallelism} when set, else the executors'
     * cores, counted once the first executor has registered (Spark counts at least 2 until then).
     */
    private int slots() {
        boolean local = sc.master().startsWith("local");
        if (!local && !sc.getConf().contains("spark.default.parallelism")) {
            long end = System.currentTimeMillis() + REGISTRATION_MILLIS;
            // the driver is listed too
            while (sc.sc().statusTracker().getExecutorInfos().length < 2 && System.currentTimeMillis() < end) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("spark sweep: interrupted while waiting for executors", e);
                }
            }
        }
        return sc.defaultParallelism();
    }

    private void checkCluster(Sweep sweep) {
        ClusterChecks.sparkVersion(sc.version());
        ClusterChecks.speculationOff(sc);
        ClusterChecks.absoluteStore(sc, sweep.runStore().root());
        ClusterChecks.shipped(sc, List.of(SparkSweeps.class, Sweep.class, definition.getClass()));
    }

    private static boolean sameFolder(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static boolean sameRungs(List<long[]> a, List<long[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "the Spark executor (" + sc.master() + ")";
    }
}
