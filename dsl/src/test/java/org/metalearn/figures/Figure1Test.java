package org.metalearn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Figure1Test {

    @Test
    void entryPointWritesTheFigureAndTheTable(@TempDir Path dir) throws Exception {
        Figure1.run(new String[] {"--iterations", "200", "--out", dir.toString(), "--quiet"});
        BufferedImage png = ImageIO.read(dir.resolve("figure1.png").toFile());
        assertTrue(png.getWidth() > png.getHeight(), "three panels side by side");
        List<String> csv = Files.readAllLines(dir.resolve("figure1.csv"));
        assertEquals(4, csv.size());
        assertTrue(csv.get(0).startsWith("panel,algorithm,metaIterations,adaptSteps,mseBefore,mseAfter"));
        assertTrue(csv.get(1).startsWith("(a) joint training,joint,200,32,"));
        assertTrue(csv.get(2).startsWith("(b) MAML,maml,200,32,"));
        assertTrue(csv.get(3).startsWith("(c) Reptile,reptile,200,32,"));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void moreHeldOutSinesKeepTheDrawnOneAndSummariseAll() {
        Figure1.Result one = new Figure1(100, 3, false, 1).run();
        Figure1.Result five = new Figure1(100, 3, false, 5).run();
        assertEquals(one.target(), five.target(), "sine 0 is the one drawn with a single sine");
        for (int p = 0; p < 3; p++) {
            Figure1.Panel a = one.panels().get(p);
            Figure1.Panel b = five.panels().get(p);
            assertEquals(a.trace().finalLoss(), b.trace().finalLoss(), "same training, same drawn sine");
            assertEquals(5, b.mseAfter().length);
            assertEquals(b.trace().finalLoss(), b.mseAfter()[0]);
            assertTrue(b.mseAfter()[1] != b.mseAfter()[2], "different sines give different errors");
            double[] after = b.mseAfter();
            double mean = java.util.Arrays.stream(after).average().orElseThrow();
            double var = java.util.Arrays.stream(after).map(x -> (x - mean) * (x - mean)).sum() / (after.length - 1);
            var spread = five.spread();
            assertEquals(mean, spread.doubleColumn("mseAfterMean").get(p), 1e-12 * Math.max(1, mean));
            assertEquals(Math.sqrt(var), spread.doubleColumn("mseAfterSd").get(p), 1e-9 * Math.max(1, mean));
            assertEquals(java.util.Arrays.stream(after).max().orElseThrow(), spread.doubleColumn("mseAfterMax").get(p));
            assertEquals(5, spread.intColumn("sines").get(p));
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Figure1.run(new String[] {"--bogus"}));
        assertThrows(IllegalArgumentException.class, () -> new Figure1(0, 0, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Figure1(10, 0, false, 0));
        assertEquals("sines must be in 1..10000, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Figure1.run(new String[] {"--sines", "many"}));
        assertEquals("--sines must be a whole number in 1..10000, got 'many'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Figure1.run(new String[] {"--sines", "0"}));
        assertEquals("--sines must be in 1..10000, got 0", e.getMessage());
    }
}
