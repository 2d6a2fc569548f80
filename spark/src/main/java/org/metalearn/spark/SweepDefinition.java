package org.metalearn.spark;

import java.io.Serializable;
import java.util.function.Supplier;
import org.metalearn.dsl.Sweep;

/**
 * A sweep as a recipe that can travel to Spark executors: a serializable function that builds it. A built
 * {@link Sweep} cannot travel (its base spec holds task distributions, model factories and listeners), so every
 * executor builds its own from this and runs its points with it. It must build the same sweep in every JVM (the
 * same points and store; the store folder on a filesystem every node shares), and what it captures must be
 * serializable: strings and numbers, not a {@link java.nio.file.Path}.
 * <pre>{@code
 * SweepDefinition def = () -> meta().sweep(meta().reptile().on(sine()).metaIterations(2_000))
 *         .vary(Sweep.innerSteps(1, 2, 4, 8)).store(Path.of("/mnt/nfs/metalearn/runs"));
 * Table t = SparkSweeps.run(sc, def);
 * }</pre>
 */
@FunctionalInterface
public interface SweepDefinition extends Supplier<Sweep>, Serializable {
}
