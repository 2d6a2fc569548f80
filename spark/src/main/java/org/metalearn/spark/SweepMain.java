package org.metalearn.spark;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import tech.tablesaw.api.Table;

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

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: spark-submit --class org.metalearn.spark.SweepMain <application jar> "
                    + "<SweepDefinition class> <table.csv>");
            System.exit(2);
        }
        // master and the rest come from spark-submit; --name wins over this default
        SparkConf conf = new SparkConf().setIfMissing("spark.app.name", "metalearn sweep " + args[0]);
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            Table table = run(sc, args[0]);
            table.write().csv(new File(args[1]));
            System.out.println(table.printAll());
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
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("spark sweep: no class " + className + " on the classpath (is it "
                    + "in the application jar?)", e);
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
