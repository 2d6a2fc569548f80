package org.metalearn.learn;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.metalearn.util.AtomicFiles;
import org.metalearn.util.RandomStreams;

/**
 * Saves and restores a run's {@link MetaState} (meta-parameters, optimizer state, iteration, random streams,
 * elapsed time) in one binary file, written atomically, so a killed run resumes bit-identically. The file
 * records the plan's fingerprint; resuming with a different plan is refused.
 */
public final class Checkpoint {
    private static final int MAGIC = 0x4D4C434B; // "MLCK"
    private static final int VERSION = 2;

    private Checkpoint() {
    }

    /** Saves {@code state} for the plain-Java {@code plan}, atomically. */
    public static void save(Path file, TrainingPlan plan, MetaState state) {
        save(file, plan.identity(), state, List.of());
    }

    /**
     * Saves the state, the run's identity (see {@link TrainingPlan#identity}, plus whatever else the caller
     * counts as part of the run) and extra parts, all in one file written atomically: a kill at any moment leaves
     * either the previous checkpoint or this one.
     */
    public static void save(Path file, Map<String, String> identity, MetaState state,
                            List<? extends CheckpointPart> parts) {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(identity.size());
            for (Map.Entry<String, String> e : identity.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeLong(state.iteration());
            out.writeDouble(state.elapsedSeconds());
            writeFloats(out, state.theta());
            writeOptimizerState(out, state.optimizer().state());
            writeOptimizerState(out, state.outer().state());
            writeRng(out, state.taskRng());
            writeRng(out, state.batchRng());
            out.writeInt(parts.size());
            for (CheckpointPart part : parts) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream partOut = new DataOutputStream(bytes);
                part.write(partOut);
                partOut.flush();
                out.writeUTF(part.partName());
                out.writeInt(bytes.size());
                bytes.writeTo(out);
            }
            out.flush();
        });
    }

    /** Restores the state saved for the plain-Java {@code plan}. */
    public static MetaState load(Path file, TrainingPlan plan) {
        return load(file, plan.identity(), plan, List.of());
    }

    /**
     * Restores the state saved for a run with this {@code identity} and reads each of {@code parts} back; refuses
     * a checkpoint of another run with a message naming every differing setting. Clear errors for a missing,
     * foreign, truncated or damaged file.
     */
    public static MetaState load(Path file, Map<String, String> identity, TrainingPlan plan,
                                 List<? extends CheckpointPart> parts) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) {
                throw new CheckpointException("checkpoint: " + file + " is not a metalearn checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new CheckpointException("checkpoint: " + file + " has format version " + version
                        + ", this build reads " + VERSION);
            }
            int entries = in.readInt();
            if (entries < 0 || entries > 1000) {
                throw new IOException("implausible identity size " + entries);
            }
            Map<String, String> saved = new LinkedHashMap<>();
            for (int i = 0; i < entries; i++) {
                saved.put(in.readUTF(), in.readUTF());
            }
            List<String> differences = differences(saved, identity);
            if (!differences.isEmpty()) {
                throw new CheckpointMismatchException("checkpoint: " + file + " belongs to a different run; "
                        + "differing settings:\n  " + String.join("\n  ", differences)
                        + "\nUse the checkpoint's settings to resume it, or another checkpoint file for this run.",
                        saved, identity);
            }
            long iteration = in.readLong();
            double elapsed = in.readDouble();
            float[] theta = readFloats(in);
            InnerOptimizer optimizer = plan.optimizer().get();
            optimizer.restore(readOptimizerState(in));
            OuterOptimizer outer = plan.outer().get();
            outer.restore(readOptimizerState(in));
            MetaState state = new MetaState(theta, optimizer, outer, iteration, readRng(in), readRng(in));
            state.addElapsedSeconds(elapsed);
            Map<String, byte[]> savedParts = new HashMap<>();
            int partCount = in.readInt();
            for (int i = 0; i < partCount; i++) {
                String name = in.readUTF();
                int length = in.readInt();
                if (length < 0 || length > 1 << 30) {
                    throw new IOException("implausible part length " + length);
                }
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                savedParts.put(name, bytes);
            }
            for (CheckpointPart part : parts) {
                byte[] bytes = savedParts.get(part.partName());
                if (bytes == null) {
                    throw new CheckpointException("checkpoint: " + file + " has no '" + part.partName() + "'");
                }
                part.read(new DataInputStream(new ByteArrayInputStream(bytes)));
            }
            return state;
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint: no checkpoint at " + file + " to resume from", e);
        } catch (EOFException e) {
            throw new CheckpointException("checkpoint: " + file + " is truncated", e);
        } catch (IOException e) {
            throw new CheckpointException("checkpoint: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** "field: checkpoint X, this run Y" for every setting that differs, in the order they are listed. */
    static List<String> differences(Map<String, String> saved, Map<String, String> current) {
        Set<String> keys = new LinkedHashSet<>(current.keySet());
        keys.addAll(saved.keySet());
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            String a = saved.get(key);
            String b = current.get(key);
            if (a == null || !a.equals(b)) {
                out.add(key + ": checkpoint " + (a == null ? "(not set)" : a) + ", this run "
                        + (b == null ? "(not set)" : b));
            }
        }
        return out;
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
        RestorableUniformRandomProvider rng = RandomStreams.fromSeed(0);
        rng.restoreState(new RandomProviderDefaultState(state));
        return rng;
    }
}
