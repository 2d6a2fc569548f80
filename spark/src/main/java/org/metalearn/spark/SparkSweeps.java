package org.metalearn.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.metalearn.dsl.Sweep;
import org.metalearn.dsl.SweepExecutor;
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
 * Table s = SparkSweeps.halving(sc, def, 3, 100); // or def.get().halving(3, 100).run(SparkSweeps.executor(sc, def))
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
     * Builds the sweep on the driver and searches it by halving ({@code sweep.halving(eta, minIterations)}) on
     * {@code sc}: the rungs train on the executors, {@code sc.defaultParallelism()} at once, the decisions are
     * taken here; the table as the local search's.
     */
    public static Table halving(JavaSparkContext sc, SweepDefinition definition, int eta, long minIterations) {
        return build(definition).halving(eta, minIterations).run(executor(sc, definition));
    }

    /**
     * An executor for the sweep {@code definition} builds: one Spark task (and partition) per run, rows collected
     * on the driver in the order of the points; for a halving search of that sweep, each rung a one-task Spark job,
     * as many at once as the cluster runs tasks ({@code spark.default.parallelism} when set, else its cores). It
     * runs that sweep only: given another sweep's points or store it fails before submitting anything.
     */
    public static SweepExecutor executor(JavaSparkContext sc, SweepDefinition definition) {
        if (sc == null || definition == null) {
            throw new IllegalArgumentException("spark sweep: the Spark context and the sweep definition must be "
                    + "given (not null)");
        }
        return new SparkExecutor(sc, definition);
    }

    static Sweep build(SweepDefinition definition) {
        Sweep sweep = definition.get();
        if (sweep == null) {
            throw new IllegalArgumentException("spark sweep: the sweep definition built null");
        }
        return sweep;
    }
}
