package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.omniglot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metalearn.learn.Checkpoint;
import org.metalearn.learn.MetaState;
import org.metalearn.learn.TrainingListener;
import org.metalearn.models.Convolutions;
import org.metalearn.report.CurveRecorder;

/**
 * The recorded Table 2 checkpoints ({@code results/table2-omniglot-5way} and {@code -20way}, format version 2,
 * without checksums, or 5 once a run is resumed by this build; read from copies, never written) still load and
 * resume: re-saved in the checksummed format they hold the very same bytes, section by section (a version-5 file:
 * the same file), and resuming the recorded file and its re-saved copy gives
 * the same state bit for bit (the 20-way run for two more meta-iterations, the finished 5-way run to its end).
 * Skipped where {@code results/} holds no such checkpoint.
 */
class RecordedCheckpointsTest {

    @ParameterizedTest
    @ValueSource(ints = {5, 20})
    void aRecordedCheckpointLoadsAndResumesBitForBit(int ways, @TempDir Path dir) throws IOException {
        Path recorded = Path.of("..", "results", "table2-omniglot-" + ways + "way", "checkpoint.bin");
        assumeTrue(Files.isRegularFile(recorded), "no recorded checkpoint at " + recorded);
        Path resumed = check(recorded, ways, Files.createDirectory(dir.resolve("recorded")));
        if (ways == 5) { // the finished run: its resumed checkpoint (version 5) is checked the same way
            check(resumed, ways, Files.createDirectory(dir.resolve("resumed")));
        }
    }

    /** Checks the checkpoint {@code recorded} from copies in {@code dir}; returns the copy resumed from it. */
    private static Path check(Path recorded, int ways, Path dir) throws IOException {
        byte[] old = Files.readAllBytes(recorded);
        DataInputStream header = new DataInputStream(new ByteArrayInputStream(old));
        assertEquals(0x4D4C434B, header.readInt());
        int version = header.readInt();
        assumeTrue(version == 2 || version == 5, recorded + " has format version " + version);
        DataInputStream fields = version == 2 ? header : new DataInputStream(new ByteArrayInputStream(
                CheckpointChecksumTest.layoutBytes(old, "settings", "progress")));
        Map<String, String> identity = new LinkedHashMap<>();
        for (int i = fields.readInt(); i > 0; i--) {
            identity.put(fields.readUTF(), fields.readUTF());
        }
        long iteration = fields.readLong();
        String before = System.getProperty(Convolutions.PROPERTY);
        System.setProperty(Convolutions.PROPERTY, identity.get("model").contains("onednn") ? "onednn" : "im2col");
        try {
            ReptileSpec spec = meta().reptile().on(omniglot()).ways(ways).progress(false);
            Path original = Files.copy(recorded, dir.resolve("recorded.ckpt"));
            Path converted = dir.resolve("converted.ckpt");
            Resolved resolved = Resolver.resolve(spec.settings());
            CurveRecorder curve = new CurveRecorder(resolved.curveWindow(), resolved.duringTraining() != null);
            MetaState state = Checkpoint.load(original, resolved.identity(), resolved.plan(), List.of(curve));
            assertEquals(iteration, state.iteration());
            Checkpoint.save(converted, resolved.identity(), state, List.of(curve));
            if (version == 5) { // a checkpoint written since checksums: re-saved, the very same file
                assertArrayEquals(old, Files.readAllBytes(converted));
            } else {
                Map<String, byte[]> sections = sections(Files.readAllBytes(converted));
                ByteArrayOutputStream state5 = new ByteArrayOutputStream();
                for (String s : List.of("settings", "progress", "parameters", "inner optimizer state",
                        "outer optimizer state", "random streams")) {
                    state5.write(sections.get(s));
                }
                assertArrayEquals(Arrays.copyOfRange(old, 8, 8 + state5.size()), state5.toByteArray(),
                        "the state's bytes, unchanged");
                byte[] curveBytes = sections.get("curve");
                assertArrayEquals(Arrays.copyOfRange(old, old.length - curveBytes.length, old.length),
                        curveBytes, "the curve's bytes, unchanged");
            }

            long stopAt = iteration + 2;
            TrainingListener stop = r -> {
                if (r.iteration() == stopAt) {
                    throw new IllegalStateException("stopped at " + stopAt);
                }
            };
            for (Path file : List.of(original, converted)) {
                ReptileSpec resume = spec.checkpoint(file, 1).listener(stop);
                if (iteration < resolved.plan().metaIterations()) {
                    assertThrows(IllegalStateException.class, resume::resume);
                } else {
                    resume.resume(); // finished: writes its final checkpoint
                }
            }
            Map<String, byte[]> a = sections(Files.readAllBytes(original));
            Map<String, byte[]> b = sections(Files.readAllBytes(converted));
            assertEquals(a.keySet(), b.keySet());
            for (String s : a.keySet()) {
                // the progress section holds the elapsed wall time, and the table of contents its checksum
                if (!s.equals("progress") && !s.equals("table of contents")) {
                    assertArrayEquals(a.get(s), b.get(s), s);
                }
            }
            long resumedTo = new DataInputStream(new ByteArrayInputStream(a.get("progress"))).readLong();
            assertEquals(Math.min(iteration + 1, resolved.plan().metaIterations()), resumedTo);
            System.out.println(recorded + ": version " + version + " at iteration " + iteration + ", resumed to "
                    + resumedTo + " from it and from its checksummed copy: identical state");
            return original;
        } finally {
            if (before == null) {
                System.clearProperty(Convolutions.PROPERTY);
            } else {
                System.setProperty(Convolutions.PROPERTY, before);
            }
        }
    }

    private static Map<String, byte[]> sections(byte[] file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : CheckpointChecksumTest.layout(file).entrySet()) {
            int[] at = e.getValue();
            out.put(e.getKey(), Arrays.copyOfRange(file, at[0], at[0] + at[1]));
        }
        return out;
    }
}
