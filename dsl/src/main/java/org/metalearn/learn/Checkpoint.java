package org.metalearn.learn;

import static org.metalearn.learn.CheckpointFields.readFloats;
import static org.metalearn.learn.CheckpointFields.readOptimizerState;
import static org.metalearn.learn.CheckpointFields.readRng;
import static org.metalearn.learn.CheckpointFields.writeFloats;
import static org.metalearn.learn.CheckpointFields.writeOptimizerState;
import static org.metalearn.learn.CheckpointFields.writeRng;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.metalearn.util.AtomicFiles;

/**
 * Saves and restores a run's {@link MetaState} (meta-parameters, optimizer state, iteration, random streams,
 * elapsed time) in one binary file, written atomically, so a killed run resumes bit-identically. The file
 * records the plan's fingerprint; resuming with a different plan is refused. Each part of the state is a section
 * with its own CRC32C ({@link CheckpointFile}), verified on every load; files of format version 2 (the same
 * sections without checksums) are still read.
 */
public final class Checkpoint {
    /** The format written before checksums, still read. */
    static final int UNCHECKED_VERSION = 2;
    static final String SETTINGS = "settings";
    static final String PROGRESS = "progress";
    static final String PARAMETERS = "parameters";
    static final String INNER_OPTIMIZER = "inner optimizer state";
    static final String OUTER_OPTIMIZER = "outer optimizer state";
    static final String RANDOM_STREAMS = "random streams";
    /** The sections of the meta state, in file order; extra parts follow under their own names. */
    static final List<String> STATE_SECTIONS = List.of(SETTINGS, PROGRESS, PARAMETERS, INNER_OPTIMIZER,
            OUTER_OPTIMIZER, RANDOM_STREAMS);

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
        Map<String, byte[]> sections = new LinkedHashMap<>();
        sections.put(SETTINGS, bytes(out -> {
            out.writeInt(identity.size());
            for (Map.Entry<String, String> e : identity.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        }));
        sections.put(PROGRESS, bytes(out -> {
            out.writeLong(state.iteration());
            out.writeDouble(state.elapsedSeconds());
        }));
        sections.put(PARAMETERS, bytes(out -> writeFloats(out, state.theta())));
        sections.put(INNER_OPTIMIZER, bytes(out -> writeOptimizerState(out, state.optimizer().state())));
        sections.put(OUTER_OPTIMIZER, bytes(out -> writeOptimizerState(out, state.outer().state())));
        sections.put(RANDOM_STREAMS, bytes(out -> {
            writeRng(out, state.taskRng());
            writeRng(out, state.batchRng());
        }));
        for (CheckpointPart part : parts) {
            if (sections.containsKey(part.partName())) {
                throw new IllegalArgumentException("checkpoint: a part may not be named '" + part.partName() + "'");
            }
            sections.put(part.partName(), bytes(part::write));
        }
        AtomicFiles.write(file, raw -> CheckpointFile.write(new BufferedOutputStream(raw), sections));
    }

    /** Restores the state saved for the plain-Java {@code plan}. */
    public static MetaState load(Path file, TrainingPlan plan) {
        return load(file, plan.identity(), plan, List.of());
    }

    /**
     * Restores the state saved for a run with this {@code identity} and reads each of {@code parts} back; refuses
     * a checkpoint of another run with a message naming every differing setting. Clear errors for a missing,
     * foreign, truncated or damaged file (one whose section fails its checksum:
     * {@link CheckpointDamagedException}, naming the section).
     */
    public static MetaState load(Path file, Map<String, String> identity, TrainingPlan plan,
                                 List<? extends CheckpointPart> parts) {
        try {
            Map<String, byte[]> sections = sections(file, Files.readAllBytes(file));
            DataInputStream settings = section(file, sections, SETTINGS);
            int entries = settings.readInt();
            if (entries < 0 || entries > 1000) {
                throw new IOException("implausible identity size " + entries);
            }
            Map<String, String> saved = new LinkedHashMap<>();
            for (int i = 0; i < entries; i++) {
                saved.put(settings.readUTF(), settings.readUTF());
            }
            List<String> differences = differences(saved, identity);
            if (!differences.isEmpty()) {
                throw new CheckpointMismatchException("checkpoint: " + file + " belongs to a different run; "
                        + "differing settings:\n  " + String.join("\n  ", differences)
                        + "\nUse the checkpoint's settings to resume it, or another checkpoint file for this run.",
                        saved, identity);
            }
            DataInputStream progress = section(file, sections, PROGRESS);
            long iteration = progress.readLong();
            double elapsed = progress.readDouble();
            float[] theta = readFloats(section(file, sections, PARAMETERS));
            InnerOptimizer optimizer = plan.optimizer().get();
            optimizer.restore(readOptimizerState(section(file, sections, INNER_OPTIMIZER)));
            OuterOptimizer outer = plan.outer().get();
            outer.restore(readOptimizerState(section(file, sections, OUTER_OPTIMIZER)));
            DataInputStream random = section(file, sections, RANDOM_STREAMS);
            MetaState state = new MetaState(theta, optimizer, outer, iteration, readRng(random), readRng(random));
            state.addElapsedSeconds(elapsed);
            for (CheckpointPart part : parts) {
                part.read(section(file, sections, part.partName()));
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

    /** The file's sections by name: verified against their checksums (version 5) or cut out of a version-2 file. */
    private static Map<String, byte[]> sections(Path file, byte[] bytes) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < 4) {
            throw new EOFException();
        }
        if (in.getInt() != CheckpointFile.MAGIC) {
            throw new CheckpointException("checkpoint: " + file + " is not a metalearn checkpoint (its header "
                    + "does not start with MLCK)");
        }
        if (bytes.length < 8) {
            throw new EOFException();
        }
        int version = in.getInt();
        if (version == CheckpointFile.VERSION) {
            return CheckpointFile.read(file, in);
        }
        if (version == UNCHECKED_VERSION) {
            return uncheckedSections(bytes, in.position());
        }
        throw new CheckpointException("checkpoint: " + file + " has format version " + version + " in its "
                + "header; this build reads versions " + UNCHECKED_VERSION + " and " + CheckpointFile.VERSION
                + " (a damaged header, or a checkpoint of a newer build)");
    }

    /** A version-2 file cut into the sections of version 5 (the same bytes, one field after another). */
    private static Map<String, byte[]> uncheckedSections(byte[] bytes, int start) throws IOException {
        ByteArrayInputStream raw = new ByteArrayInputStream(bytes, start, bytes.length - start);
        DataInputStream in = new DataInputStream(raw);
        Map<String, byte[]> sections = new LinkedHashMap<>();
        int from = start;
        for (String section : STATE_SECTIONS) {
            switch (section) {
                case SETTINGS -> {
                    int entries = in.readInt();
                    if (entries < 0 || entries > 1000) {
                        throw new IOException("implausible identity size " + entries);
                    }
                    for (int i = 0; i < 2 * entries; i++) {
                        in.readUTF();
                    }
                }
                case PROGRESS -> in.skipNBytes(Long.BYTES + Double.BYTES);
                case PARAMETERS -> readFloats(in);
                case INNER_OPTIMIZER, OUTER_OPTIMIZER -> readOptimizerState(in);
                default -> {
                    readRng(in);
                    readRng(in);
                }
            }
            int to = bytes.length - raw.available();
            sections.put(section, Arrays.copyOfRange(bytes, from, to));
            from = to;
        }
        int partCount = in.readInt();
        for (int i = 0; i < partCount; i++) {
            String name = in.readUTF();
            int length = in.readInt();
            if (length < 0 || length > 1 << 30) {
                throw new IOException("implausible part length " + length);
            }
            sections.put(name, in.readNBytes(length));
            if (sections.get(name).length != length) {
                throw new EOFException();
            }
        }
        return sections;
    }

    private static DataInputStream section(Path file, Map<String, byte[]> sections, String name) {
        byte[] bytes = sections.get(name);
        if (bytes == null) {
            throw new CheckpointException("checkpoint: " + file + " has no '" + name + "'");
        }
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    /** Something that writes one section's fields. */
    private interface SectionWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(SectionWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            writer.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint: cannot encode a section", e);
        }
        return bytes.toByteArray();
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
}
