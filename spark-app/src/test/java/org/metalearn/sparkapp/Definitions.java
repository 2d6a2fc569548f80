package org.metalearn.sparkapp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.metalearn.dsl.Sweep;
import org.metalearn.spark.SweepDefinition;
import tech.tablesaw.api.Table;

/**
 * Sweep definitions made as a user makes them: a class in its own source file, compiled against the application
 * jar alone and packed into its own jar ({@code my-sweeps.jar}); and the same class run (or searched by halving)
 * by the local executor.
 */
final class Definitions {
    private Definitions() {
    }

    /** {@code com.example.NAME}, whose {@code get()} returns {@code sweep} (a DSL expression), in its own jar. */
    static Path jar(Path dir, String name, String sweep) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/com/example")).resolve(name + ".java");
        Files.writeString(src, "package com.example;\n\n"
                + "import static org.metalearn.dsl.Meta.*;\n\n"
                + "import java.nio.file.Path;\n"
                + "import org.metalearn.dsl.Sweep;\n"
                + "import org.metalearn.spark.SweepDefinition;\n\n"
                + "public final class " + name + " implements SweepDefinition {\n"
                + "    @Override\n"
                + "    public Sweep get() {\n"
                + "        return " + sweep + ";\n"
                + "    }\n"
                + "}\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "17", "-cp",
                SparkDistributions.applicationJar().toString(), "-d", classes.toString(), src.toString());
        if (status != 0) {
            throw new AssertionError("the definition did not compile: " + Files.readString(src));
        }
        Path jar = dir.resolve("my-sweeps.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The definition's sweep run here by the local executor (2 runs at once) on {@code store}, as CSV. */
    static String localCsv(Path jar, String className, Path store) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                Definitions.class.getClassLoader())) {
            SweepDefinition definition = (SweepDefinition) loader.loadClass(className).getConstructor()
                    .newInstance();
            Sweep sweep = definition.get().store(store).parallel(2);
            return csv(sweep.run());
        }
    }

    /** The definition's sweep searched here by halving with one run at a time on {@code store}, as CSV. */
    static String localSearchCsv(Path jar, String className, Path store, int eta, long minIterations)
            throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                Definitions.class.getClassLoader())) {
            SweepDefinition definition = (SweepDefinition) loader.loadClass(className).getConstructor()
                    .newInstance();
            return csv(definition.get().store(store).parallel(1).halving(eta, minIterations).run());
        }
    }

    private static String csv(Table table) {
        StringWriter csv = new StringWriter();
        table.write().csv(csv);
        return csv.toString();
    }

}
