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
        Figure1.main(new String[] {"--iterations", "200", "--out", dir.toString(), "--quiet"});
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
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Figure1.main(new String[] {"--bogus"}));
        assertThrows(IllegalArgumentException.class, () -> new Figure1(0, 0, false));
    }
}
