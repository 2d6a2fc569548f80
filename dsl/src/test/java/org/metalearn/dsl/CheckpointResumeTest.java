package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.learn.TrainingListener;

class CheckpointResumeTest {

    private static ReptileSpec spec() {
        return meta().reptile().innerAdam(0.001).innerSteps(3).metaBatch(2).metaIterations(60).seed(4)
                .curveRows(60).progress(false);
    }

    /** Simulates a kill: throws at the given iteration, after earlier checkpoints were written. */
    private static TrainingListener killAt(long iteration) {
        return r -> {
            if (r.iteration() == iteration) {
                throw new IllegalStateException("killed at " + iteration);
            }
        };
    }

    @Test
    void aKilledRunResumesToBitIdenticalParameters(@TempDir Path dir) throws Exception {
        Run straight = spec().train();
        Path file = dir.resolve("run.ckpt");
        assertThrows(IllegalStateException.class, () -> spec().checkpoint(file, 20).listener(killAt(47)).train());
        assertTrue(Files.exists(file));
        Run resumed = spec().checkpoint(file, 20).resume();
        assertArrayEquals(straight.parameters(), resumed.parameters());
        assertEquals(straight.optimizerState(), resumed.optimizerState());
        // the curve continues where the checkpoint left it: rows 1..40 saved, 41..60 after resume
        assertEquals(60, resumed.curve().rowCount());
        assertArrayEquals(straight.curve().intColumn("iteration").asIntArray(), resumed.curve().intColumn("iteration").asIntArray());
        assertArrayEquals(straight.curve().doubleColumn("loss").asDoubleArray(), resumed.curve().doubleColumn("loss").asDoubleArray());
        try (var files = Files.list(dir)) {
            assertEquals(Arrays.asList("run.ckpt", "run.ckpt.curve.csv"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files left behind");
        }
    }

    @Test
    void resumingWithOtherSettingsOrABadFileFailsClearly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.ckpt");
        spec().metaIterations(10).checkpoint(file, 5).train();
        String other = assertThrows(IllegalArgumentException.class,
                () -> spec().metaIterations(10).seed(5).checkpoint(file, 5).resume()).getMessage();
        assertTrue(other.contains("belongs to a different run") && other.contains("seed: checkpoint 4, this run 5"),
                other);
        String missing = assertThrows(IllegalArgumentException.class,
                () -> spec().checkpoint(dir.resolve("nope.ckpt"), 5).resume()).getMessage();
        assertTrue(missing.startsWith("checkpoint: no checkpoint at"), missing);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        String truncated = assertThrows(IllegalArgumentException.class,
                () -> spec().metaIterations(10).checkpoint(file, 5).resume()).getMessage();
        assertTrue(truncated.contains("is truncated"), truncated);
        Files.writeString(file, "hello");
        assertThrows(IllegalArgumentException.class, () -> spec().metaIterations(10).checkpoint(file, 5).resume());
        assertEquals("resume: no checkpoint file set; call checkpoint(file, every) first",
                assertThrows(IllegalArgumentException.class, () -> spec().resume()).getMessage());
        assertEquals("checkpointEvery must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> spec().checkpoint(file, 0)).getMessage());
    }
}
