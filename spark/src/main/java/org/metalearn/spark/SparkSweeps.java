package org.metalearn.spark;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.metalearn.dsl.RunPoint;
import org.metalearn.dsl.Sweep;
import org.metalearn.dsl.SweepExecutor;
import org.metalearn.dsl.SweepJob;
import org.metalearn.dsl.SweepRow;
import tech.tablesaw.api.Table;

/**
 * Runs a sweep on a Spark cluster: every run is one Spark task, so runs spread over the cluster's cores as
 * {@code parallel(n)} spreads them over one machine's. The executors rebuild the sweep from its
 * {@link SweepDefinition} (a built sweep cannot be shipped) and share the run store, which must be on a
 * filesystem every node sees; the table is the local executors' bit for bit, wall time aside, and a re-run reads
 * finished runs back as locally.
 * <pre>{@code
 * SweepDefinition def = () -> meta().sweep(base).vary(Sweep.innerSteps(1, 2, 4, 8))
 *         .store(Path.of("/mnt/nfs/metalearn/runs"));
 * Table t = SparkSweeps.run(sc, def);      // or def.get().run(SparkSweeps.executor(sc, def))
 * }</pre>
 * Speculative execution must stay off: two attempts of one run would write the same checkpoint.
 */
public final class SparkSweeps {
    private SparkSweeps() {
    }

    /** Builds the sweep on the driver and runs it on {@code sc}: one table row per run, in the sweep's order. */
    public static Table run(JavaSparkContext sc, SweepDefinition definition) {
        return build(definition).run(executor(sc, definition));
    }

    /**
     * An executor for the sweep {@code definition} builds: one Spark task (and partition) per run, rows collected
     * on the driver in the order of the points. It runs that sweep only: given another sweep's points or store it
     * fails before submitting anything.
     */
    public static SweepExecutor executor(JavaSparkContext sc, SweepDefinition definition) {
        if (sc == null || definition == null) {
            throw new IllegalArgumentException("spark sweep: the Spark context and the sweep definition must be "
                    + "given (not null)");
        }
        return (points, job) -> execute(sc, definition, points, job);
    }

    private static List<SweepRow> execute(JavaSparkContext sc, SweepDefinition definition, List<RunPoint> points,
                                          SweepJob job) {
        // the executors compute the definition's sweep, not the job handed in: they must be the same
        Sweep sweep = build(definition);
        if (!sweep.points().equals(points) || !sweep.runStore().root().toAbsolutePath().normalize()
                .equals(job.store().root().toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("spark sweep: the executor was made for " + sweep + " but is asked "
                    + "to run other points or another store; run the sweep its definition builds");
        }
        ClusterChecks.sparkVersion(sc.version());
        ClusterChecks.speculationOff(sc);
        ClusterChecks.absoluteStore(sc, sweep.runStore().root());
        ClusterChecks.shipped(sc, List.of(SparkSweeps.class, Sweep.class, definition.getClass()));
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

    private static Sweep build(SweepDefinition definition) {
        Sweep sweep = definition.get();
        if (sweep == null) {
            throw new IllegalArgumentException("spark sweep: the sweep definition built null");
        }
        return sweep;
    }
}
