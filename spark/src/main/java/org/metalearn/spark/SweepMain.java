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
 * no-argument constructor, packaged in the application jar) on the cluster spark-submit names, and writes the
 * table as CSV.
 * <pre>
 * spark-submit --class org.metalearn.spark.SweepMain ... my-sweeps.jar com.example.InnerStepsSweep table.csv
 * </pre>
 */
public final class SweepMain {
    private SweepMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: spark-submit --class org.metalearn.spark.SweepMain [spark options] "
                    + "--jars <your definitions jar> <metalearn application jar> <SweepDefinition class> "
                    + "<table.csv>");
            System.exit(2);
        }
        // master and the rest come from spark-submit; --name wins over this default
        SparkConf conf = new SparkConf().setIfMissing("spark.app.name", "metalearn sweep " + args[0]);
        String error = null;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            Table table = run(sc, args[0]);
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

    /**
     * The line a user needs: a run's failure comes back from an executor inside Spark's "Job aborted" report
     * with the remote stack trace; its "spark sweep run ..." line names the run, the host and the cause.
     */
    static String message(Exception e) {
        String text = String.valueOf(e.getMessage());
        for (String line : text.split("\\R")) {
            int at = line.indexOf("spark sweep ");
            if (at >= 0) {
                return line.substring(at);
            }
        }
        return text.lines().findFirst().orElse(text);
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
