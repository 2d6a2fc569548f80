package org.metalearn.spark;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.RuntimeIOException;

/**
 * The {@code spark-submit} entry point: runs the sweep of a {@link SweepDefinition} class (public, with a public
 * no-argument constructor, packaged in the application jar) on the cluster spark-submit names, or with
 * {@code --halving ETA MIN} searches it by halving ({@code sweep.halving(ETA, MIN)}), and writes the table as CSV.
 * <pre>
 * spark-submit --class org.metalearn.spark.SweepMain ... my-sweeps.jar com.example.InnerStepsSweep table.csv
 * spark-submit --class org.metalearn.spark.SweepMain ... my-sweeps.jar com.example.Search table.csv --halving 3 100
 * </pre>
 */
public final class SweepMain {
    private SweepMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && !(args.length == 5 && args[2].equals("--halving"))) {
            System.err.println("usage: spark-submit --class org.metalearn.spark.SweepMain [spark options] "
                    + "--jars <your definitions jar> <metalearn application jar> <SweepDefinition class> "
                    + "<table.csv> [--halving <eta> <minIterations>]");
            System.exit(2);
        }
        Halving halving = null;
        if (args.length == 5) {
            try {
                halving = Halving.parse(args[3], args[4]);
            } catch (IllegalArgumentException e) {
                System.err.println("metalearn spark: " + e.getMessage());
                System.exit(2);
            }
        }
        // master and the rest come from spark-submit; --name wins over this default
        SparkConf conf = new SparkConf().setIfMissing("spark.app.name", "metalearn "
                + (halving == null ? "sweep " : "halving search ") + args[0]);
        String error = null;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            Table table = halving == null ? run(sc, args[0])
                    : SparkSweeps.halving(sc, definition(args[0]), halving.eta(), halving.minIterations());
            table.write().csv(new File(args[1]));
            System.out.println(table.printAll());
        } catch (RuntimeIOException e) {
            error = "cannot write the table to " + args[1] + ": " + e.getMessage();
        } catch (Exception e) { // Scala throws SparkException unchecked
            if (!(e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof SparkException)) {
                throw e;
            }
            error = message(e);
        }
        if (error != null) { // after the context stopped: one line, no stack trace
            System.err.println("metalearn spark: " + error);
            System.exit(2);
        }
    }

    /** The line a user needs (see {@link SweepTask#reported}). */
    static String message(Exception e) {
        return SweepTask.reported(e);
    }

    /** The arguments of {@code --halving ETA MIN}, as whole numbers; the search checks their ranges. */
    record Halving(int eta, long minIterations) {
        static Halving parse(String eta, String minIterations) {
            try {
                return new Halving(Integer.parseInt(eta), Long.parseLong(minIterations));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--halving takes two whole numbers, eta (>= 2) and minIterations "
                        + "(>= 1), got '" + eta + "' '" + minIterations + "'", e);
            }
        }
    }

    /** Runs the sweep of definition class {@code className} on {@code sc}. */
    static Table run(JavaSparkContext sc, String className) {
        return SparkSweeps.run(sc, definition(className));
    }

    /** An instance of {@code className}, which must be a {@link SweepDefinition} with a no-argument constructor. */
    static SweepDefinition definition(String className) {
        Class<?> c;
        try {
            c = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (LinkageError e) { // e.g. on the driver's class path, below the jar that holds SweepDefinition
            throw new IllegalArgumentException("spark sweep: " + className + " cannot be loaded (" + e + "): pass "
                    + "the jar that holds it with --jars, not on the driver's class path", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("spark sweep: no class " + className + " on the classpath: pass "
                    + "the jar that holds it with --jars (spark-submit) or sc.addJar", e);
        }
        if (!SweepDefinition.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException("spark sweep: " + className + " does not implement "
                    + SweepDefinition.class.getName());
        }
        try {
            return (SweepDefinition) c.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw new IllegalArgumentException("spark sweep: " + className + " needs a public no-argument "
                    + "constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("spark sweep: the constructor of " + className + " failed: "
                    + e.getCause(), e.getCause());
        }
    }
}
