package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.learn.CheckpointDamagedException;
import org.metalearn.learn.TrainingListener;

/**
 * Checksummed checkpoints of a real conv net (the 5-way Omniglot net of {@link CrashProbe}): one byte flipped
 * at many offsets in every section (header, table of contents, settings, progress, parameters, both optimizer
 * states, random streams, curve) makes each resume fail with one error naming the file and that section; the
 * unflipped file resumes to the parameters, optimizer state and curve of an uninterrupted run, bit for bit.
 */
class CheckpointChecksumTest {
    private static final int ITERATIONS = 6;
    private static final int EVERY = 3;
    private static final int RANDOM_OFFSETS_PER_SECTION = 12;

    private static ReptileSpec spec() {
        return CrashProbe.spec(ITERATIONS, 3, 11);
    }

    @Test
    void aFlippedByteInAnySectionFailsNamingItAndTheIntactFileResumesBitIdentically(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("run.ckpt");
        TrainingListener kill = r -> {
            if (r.iteration() == EVERY + 1) {
                throw new IllegalStateException("killed");
            }
        };
        assertThrows(IllegalStateException.class, () -> spec().checkpoint(file, EVERY).listener(kill).train());
        byte[] intact = Files.readAllBytes(file);
        Map<String, int[]> sections = layout(intact);
        assertEquals(List.of("header", "table of contents", "settings", "progress", "parameters",
                "inner optimizer state", "outer optimizer state", "random streams", "curve"),
                List.copyOf(sections.keySet()));
        assertTrue(sections.get("parameters")[1] > 100_000, "a conv net's parameters");

        Random random = new Random(7);
        Path flipped = dir.resolve("flipped.ckpt");
        int loads = 0;
        for (Map.Entry<String, int[]> s : sections.entrySet()) {
            int start = s.getValue()[0];
            int length = s.getValue()[1];
            TreeSet<Integer> offsets = new TreeSet<>(List.of(start, start + length / 2, start + length - 1));
            if (length <= 64) {
                for (int i = 0; i < length; i++) {
                    offsets.add(start + i);
                }
            }
            while (offsets.size() < Math.min(length, 3 + RANDOM_OFFSETS_PER_SECTION)) {
                offsets.add(start + random.nextInt(length));
            }
            for (int offset : offsets) {
                byte[] bytes = intact.clone();
                bytes[offset] ^= (byte) (1 << random.nextInt(8));
                Files.write(flipped, bytes);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> spec().checkpoint(flipped, EVERY).resume(), "byte " + offset + " in " + s.getKey());
                String message = e.getMessage();
                String where = "byte " + offset + " of section " + s.getKey() + ": " + message;
                assertTrue(message.contains(flipped.toString()), where);
                if (s.getKey().equals("header")) {
                    assertTrue(message.contains("header"), where);
                } else {
                    assertTrue(e instanceof CheckpointDamagedException, where);
                    assertEquals(s.getKey(), ((CheckpointDamagedException) e).section(), where);
                    assertTrue(message.contains("section '" + s.getKey() + "' is damaged (")
                            && message.contains("delete it to start the run again"), where);
                }
                loads++;
            }
        }
        assertTrue(loads > 100, "flipped loads " + loads);
        System.out.println("checkpoint of " + intact.length + " bytes: " + loads + " flipped bytes, each refused "
                + "naming its section");

        Run resumed = spec().checkpoint(file, EVERY).resume();
        Run straight = spec().train();
        assertArrayEquals(straight.parameters(), resumed.parameters());
        assertEquals(straight.optimizerState(), resumed.optimizerState());
        assertEquals(SweepTest.withoutTime(straight.curve()), SweepTest.withoutTime(resumed.curve()));
    }

    /** Each part of a version-5 checkpoint as {start, length}, in file order, read from its table of contents. */
    static Map<String, int[]> layout(byte[] file) throws IOException {
        Map<String, int[]> parts = new LinkedHashMap<>();
        ByteBuffer in = ByteBuffer.wrap(file);
        assertEquals(0x4D4C434B, in.getInt());
        assertEquals(5, in.getInt(), "format version");
        parts.put("header", new int[] {0, 8});
        int tocLength = in.getInt();
        parts.put("table of contents", new int[] {8, 4 + tocLength + 4});
        byte[] toc = new byte[tocLength];
        in.get(toc);
        DataInputStream t = new DataInputStream(new ByteArrayInputStream(toc));
        int at = 8 + 4 + tocLength + 4;
        List<String> names = new ArrayList<>();
        for (int i = t.readInt(); i > 0; i--) {
            String name = t.readUTF();
            int length = t.readInt();
            t.readInt();
            names.add(name);
            parts.put(name, new int[] {at, length});
            at += length;
        }
        if (at != file.length) {
            fail("sections " + names + " end at " + at + ", the file at " + file.length);
        }
        return parts;
    }

    /** The bytes of the named sections of a version-5 checkpoint, one after another. */
    static byte[] layoutBytes(byte[] file, String... names) throws IOException {
        Map<String, int[]> parts = layout(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String name : names) {
            int[] at = parts.get(name);
            out.write(file, at[0], at[1]);
        }
        return out.toByteArray();
    }
}
