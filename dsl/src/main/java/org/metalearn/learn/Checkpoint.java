package org.metalearn.learn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;
import org.metalearn.util.AtomicFiles;

/**
 * Saves and restores a run's {@link MetaState} (meta-parameters, optimizer state, iteration, random streams,
 * elapsed time) in one binary file, written atomically, so a killed run resumes bit-identically. The file
 * records the plan's fingerprint; resuming with a different plan is refused.
 */
public final class Checkpoint {
    private static final int MAGIC = 0x4D4C434B; // "MLCK"
    private static final int VERSION = 1;

    private Checkpoint() {
    }

    /** The settings that must match for a resume to be meaningful. */
    public static String fingerprint(TrainingPlan plan, int parameterCount) {
        return plan.algorithm().name() + "|" + plan.tasks().name() + "|" + plan.inner() + "|" + plan.metaBatch() + "|"
                + plan.metaStep() + "|" + plan.metaIterations() + "|" + plan.seed() + "|"
                + plan.optimizer().get().describe() + "|" + plan.outer().get().describe() + "|" + parameterCount;
    }

    public static void save(Path file, TrainingPlan plan, MetaState state) {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(fingerprint(plan, state.theta().length));
            out.writeLong(state.iteration());
            out.writeDouble(state.elapsedSeconds());
            writeFloats(out, state.theta());
            writeOptimizerState(out, state.optimizer().state());
            writeOptimizerState(out, state.outer().state());
            writeRng(out, state.taskRng());
            writeRng(out, state.batchRng());
            out.flush();
        });
    }

    /** Restores the state saved for {@code plan}; clear errors for a missing, foreign or damaged file. */
    public static MetaState load(Path file, TrainingPlan plan) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("checkpoint: " + file + " is not a metalearn checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("checkpoint: " + file + " has format version " + version
                        + ", this build reads " + VERSION);
            }
            String saved = in.readUTF();
            long iteration = in.readLong();
            double elapsed = in.readDouble();
            float[] theta = readFloats(in);
            String expected = fingerprint(plan, theta.length);
            if (!saved.equals(expected)) {
                throw new IllegalArgumentException("checkpoint: " + file + " was written by a different run\n  saved:    "
                        + saved + "\n  this run: " + expected);
            }
            InnerOptimizer optimizer = plan.optimizer().get();
            optimizer.restore(readOptimizerState(in));
            OuterOptimizer outer = plan.outer().get();
            outer.restore(readOptimizerState(in));
            MetaState state = new MetaState(theta, optimizer, outer, iteration, readRng(in), readRng(in));
            state.addElapsedSeconds(elapsed);
            return state;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("checkpoint: no checkpoint at " + file + " to resume from", e);
        } catch (EOFException e) {
            throw new IllegalArgumentException("checkpoint: " + file + " is truncated", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A listener that saves every {@code every} iterations and at the end of the run. */
    public static TrainingListener every(int every, Path file, TrainingPlan plan, MetaState state) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpointEvery must be >= 1, got " + every);
        }
        return new TrainingListener() {
            @Override
            public void iteration(IterationReport r) {
                if (r.iteration() % every == 0) {
                    save(file, plan, state);
                }
            }

            @Override
            public void finished() {
                save(file, plan, state);
            }
        };
    }

    private static void writeOptimizerState(DataOutputStream out, OptimizerState opt) throws IOException {
        out.writeLong(opt.steps());
        float[][] slots = opt.slots();
        out.writeInt(slots.length);
        for (float[] slot : slots) {
            out.writeBoolean(slot != null);
            if (slot != null) {
                writeFloats(out, slot);
            }
        }
    }

    private static OptimizerState readOptimizerState(DataInputStream in) throws IOException {
        long steps = in.readLong();
        int count = in.readInt();
        if (count < 0 || count > 16) {
            throw new IOException("implausible optimizer slot count " + count);
        }
        float[][] slots = new float[count][];
        for (int i = 0; i < count; i++) {
            slots[i] = in.readBoolean() ? readFloats(in) : null;
        }
        return new OptimizerState(steps, slots);
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 28) {
            throw new IOException("implausible vector length " + n);
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    private static void writeRng(DataOutputStream out, RestorableUniformRandomProvider rng) throws IOException {
        byte[] state = ((RandomProviderDefaultState) rng.saveState()).getState();
        out.writeInt(state.length);
        out.write(state);
    }

    private static RestorableUniformRandomProvider readRng(DataInputStream in) throws IOException {
        byte[] state = new byte[in.readInt()];
        in.readFully(state);
        RestorableUniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {1, 2});
        rng.restoreState(new RandomProviderDefaultState(state));
        return rng;
    }
}
