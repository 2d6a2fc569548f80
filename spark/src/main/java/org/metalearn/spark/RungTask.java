package org.metalearn.spark;

import java.nio.file.Path;
import org.apache.spark.api.java.function.Function;
import org.metalearn.dsl.HalvingSearch;
import org.metalearn.dsl.RunPoint;
import org.metalearn.dsl.Sweep;
import org.metalearn.dsl.SweepRow;

/**
 * One rung of a halving search as a Spark task: builds the sweep from its definition on the executor (checked as
 * {@link SweepTask} checks it), makes the driver's search of it and trains the run to the rung's meta-iteration
 * from its checkpoint, under the run's lease in the shared store ({@code RungJob.runTo}). Single-threaded, one
 * task per core. The driver keeps every decision; this task only trains and evaluates.
 */
final class RungTask implements Function<RunPoint, SweepRow> {
    private static final long serialVersionUID = 1L;

    private final SweepDefinition definition;
    /** The driver's store folder, absolute (a Path is not serializable). */
    private final String store;
    private final int eta;
    private final long minIterations;
    private final long iteration;

    RungTask(SweepDefinition definition, Path store, int eta, long minIterations, long iteration) {
        this.definition = definition;
        this.store = store.toAbsolutePath().normalize().toString();
        this.eta = eta;
        this.minIterations = minIterations;
        this.iteration = iteration;
    }

    @Override
    public SweepRow call(RunPoint point) {
        String what = point + " to meta-iteration " + iteration;
        Sweep sweep = SweepTask.build(definition, store, point, what);
        try {
            HalvingSearch search = sweep.halving(eta, minIterations);
            return search.job().runTo(point, iteration, 1);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(SweepTask.where(what) + ": " + e, e);
        }
    }
}
