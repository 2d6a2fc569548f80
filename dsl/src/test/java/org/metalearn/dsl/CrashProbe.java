package org.metalearn.dsl;

import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.omniglot;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.metalearn.learn.IterationReport;
import org.metalearn.learn.OptimizerState;
import org.metalearn.learn.TrainingListener;
import org.metalearn.util.AtomicFiles;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Child-process side of {@link CrashResumeTest}: trains (or resumes) the lean 5-way Omniglot net with the
 * settings given on the command line and writes the result to {@code out/}: {@code parameters.bin} and
 * {@code optimizer.bin} (raw floats through a DataOutputStream) and {@code curve.csv} (every column, doubles
 * written with {@link Double#toString}, which round-trips exactly).
 *
 * <p>Prints marker lines on stdout for the parent: {@code STARTED first}, {@code ITER i} after each iteration,
 * {@code WRITING target} when it hangs inside a checkpoint write, {@code DONE} at the end.
 *
 * <p>Arguments: {@code train|resume outDir checkpointFile|- metaIterations curveRows checkpointEvery seed
 * slowAfter hangOnCheckpointWrite}. {@code slowAfter > 0}: after iteration {@code slowAfter} each iteration
 * waits 200 ms (so a kill lands in the middle of training; results do not depend on it).
 * {@code hangOnCheckpointWrite = n > 0}: the n-th write of the checkpoint file prints {@code WRITING} once its
 * temporary file is complete and then sleeps (the parent kills the JVM there), through the test hook
 * {@link AtomicFiles#beforeMoveForTests}.
 */
public final class CrashProbe {
    private CrashProbe() {
    }

    /** The run under test; the parent uses the same settings. */
    static ReptileSpec spec(int metaIterations, int curveRows, long seed) {
        return meta().reptile().on(omniglot()).ways(5).shots(1).trainShots(10).innerAdam(1e-3).innerSteps(5)
                .innerBatch(10).metaBatch(5).metaStep(1.0, 0).metaIterations(metaIterations).seed(seed)
                .curveRows(curveRows).progress(false);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 9) {
            System.err.println("usage: CrashProbe train|resume outDir checkpointFile|- metaIterations curveRows "
                    + "checkpointEvery seed slowAfter hangOnCheckpointWrite");
            System.exit(2);
        }
        String mode = args[0];
        Path out = Path.of(args[1]);
        Path checkpoint = args[2].equals("-") ? null : Path.of(args[2]);
        int metaIterations = Integer.parseInt(args[3]);
        int curveRows = Integer.parseInt(args[4]);
        int every = Integer.parseInt(args[5]);
        long seed = Long.parseLong(args[6]);
        int slowAfter = Integer.parseInt(args[7]);
        int hangOnWrite = Integer.parseInt(args[8]);

        if (hangOnWrite > 0) {
            AtomicInteger checkpointWrites = new AtomicInteger();
            Path name = checkpoint.getFileName();
            AtomicFiles.beforeMoveForTests = target -> {
                if (target.getFileName().equals(name) && checkpointWrites.incrementAndGet() == hangOnWrite) {
                    say("WRITING " + target);
                    try {
                        Thread.sleep(30_000); // the parent kills us here
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    say("HANG-ENDED"); // never reached when the parent does its job
                }
            };
        }

        ReptileSpec spec = spec(metaIterations, curveRows, seed).listener(new TrainingListener() {
            @Override
            public void started(long first, long total) {
                say("STARTED " + first);
            }

            @Override
            public void iteration(IterationReport r) {
                say("ITER " + r.iteration());
                if (slowAfter > 0 && r.iteration() >= slowAfter) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        if (checkpoint != null) {
            spec = spec.checkpoint(checkpoint, every);
        }
        Run run = switch (mode) {
            case "train" -> spec.train();
            case "resume" -> spec.resume();
            default -> throw new IllegalArgumentException("mode must be train or resume, got " + mode);
        };
        Files.createDirectories(out);
        writeFloats(out.resolve("parameters.bin"), run.parameters());
        writeOptimizer(out.resolve("optimizer.bin"), run.optimizerState());
        Files.writeString(out.resolve("curve.csv"), csv(run.curve()), StandardCharsets.UTF_8);
        say("DONE");
        System.exit(0); // do not wait for non-daemon pool threads
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        try (DataOutputStream d = data(file)) {
            d.writeInt(values.length);
            for (float v : values) {
                d.writeFloat(v);
            }
        }
    }

    private static void writeOptimizer(Path file, OptimizerState state) throws IOException {
        try (DataOutputStream d = data(file)) {
            d.writeLong(state.steps());
            float[][] slots = state.slots();
            d.writeInt(slots.length);
            for (float[] slot : slots) {
                d.writeBoolean(slot != null);
                if (slot != null) {
                    d.writeInt(slot.length);
                    for (float v : slot) {
                        d.writeFloat(v);
                    }
                }
            }
        }
    }

    private static DataOutputStream data(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return new DataOutputStream(new BufferedOutputStream(raw));
    }

    /** Every column of the curve, header first; doubles exactly (Double.toString round-trips). */
    static String csv(Table t) {
        StringBuilder sb = new StringBuilder(String.join(",", t.columnNames())).append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < t.columnCount(); c++) {
                Column<?> col = t.column(c);
                Object v = col.get(r);
                sb.append(c > 0 ? "," : "").append(v instanceof Double d ? Double.toString(d) : String.valueOf(v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
