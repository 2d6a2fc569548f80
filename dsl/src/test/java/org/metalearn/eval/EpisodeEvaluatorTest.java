package org.metalearn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.data.DatasetException;
import org.metalearn.data.omniglot.OneShotRuns;
import org.metalearn.learn.Adam;
import org.metalearn.models.Learner;
import org.metalearn.models.OmniglotNet;
import org.metalearn.tasks.Episode;
import org.metalearn.util.RandomStreams;
import tech.tablesaw.api.Table;

/**
 * Fixed-episode evaluation on generated runs in the layout of Omniglot's one-shot runs: queries that are copies of
 * their own class's support image are all classified right once the net has fitted the support set, and the same
 * queries labelled with another class (every label moved one class on) are all wrong.
 */
class EpisodeEvaluatorTest {
    private static final int WAYS = 5;
    private static final int RUNS = 3;
    // fit the 5 support images: 60 Adam steps of all 5, lr 0.01, each query forwarded with the support set
    private static final FewShotProtocol FIT = new FewShotProtocol(1, 60, 5, false, 1);

    @TempDir
    Path tmp;

    @Test
    void queriesEqualToTheirSupportImagesGiveZeroError() throws IOException {
        Table t = evaluate(writeRuns(tmp.resolve("same"), 0));
        assertEquals(RUNS + 1, t.rowCount());
        assertEquals("mean", t.stringColumn("episode").get(RUNS));
        for (int r = 0; r <= RUNS; r++) {
            assertEquals(0.0, t.doubleColumn("error %").get(r), 1e-12, t.print());
        }
        assertEquals(RUNS * WAYS, t.intColumn("correct").get(RUNS));
    }

    @Test
    void queriesLabelledWithAnotherClassGiveFullError() throws IOException {
        Table t = evaluate(writeRuns(tmp.resolve("shifted"), 1));
        for (int r = 0; r <= RUNS; r++) {
            assertEquals(100.0, t.doubleColumn("error %").get(r), 1e-12, t.print());
        }
    }

    @Test
    void labelsAreReadFromClassLabelsInNameOrder() throws IOException {
        List<Episode> episodes = OneShotRuns.read(writeRuns(tmp.resolve("labels"), 2));
        assertEquals(RUNS, episodes.size());
        assertEquals("run01", episodes.get(0).name());
        Episode e = episodes.get(0);
        assertEquals(WAYS, e.ways());
        for (int q = 0; q < WAYS; q++) {
            // query q is a copy of class perm(q) and labelled (perm(q) + 2) % WAYS
            assertEquals((perm(q) + 2) % WAYS, e.queryLabels()[q]);
        }
    }

    @Test
    void aLabelNamingAMissingClassImageIsOneClearError() throws IOException {
        Path dir = writeRuns(tmp.resolve("broken"), 0);
        Files.writeString(dir.resolve("run02/class_labels.txt"), "run02/test/item01.png run02/training/class99.png\n");
        DatasetException e = assertThrows(DatasetException.class, () -> OneShotRuns.read(dir));
        assertTrue(e.getMessage().contains("class_labels.txt line 1 names run02/training/class99.png"), e.getMessage());
        assertThrows(DatasetException.class, () -> OneShotRuns.read(tmp.resolve("nothing-here")));
    }

    private static Table evaluate(Path dir) {
        Learner learner = OmniglotNet.lean(WAYS).create(RandomStreams.of(7, RandomStreams.Role.INIT));
        return EpisodeEvaluator.evaluate(learner, learner.parameters(), new Adam(0.01), OneShotRuns.read(dir), FIT,
                RandomStreams.of(7, RandomStreams.Role.EVALUATION));
    }

    /** Query q of every run shows class perm(q); its label line names class (perm(q) + shift) % WAYS. */
    private static int perm(int q) {
        return (3 * q + 1) % WAYS;
    }

    /** RUNS runs of WAYS random blocky 105x105 drawings, one query per class. */
    private static Path writeRuns(Path dir, int shift) throws IOException {
        Random random = new Random(11);
        for (int r = 1; r <= RUNS; r++) {
            String run = String.format("run%02d", r);
            Files.createDirectories(dir.resolve(run).resolve("training"));
            Files.createDirectories(dir.resolve(run).resolve("test"));
            List<BufferedImage> classes = new ArrayList<>();
            for (int c = 1; c <= WAYS; c++) {
                BufferedImage img = blocky(random);
                classes.add(img);
                ImageIO.write(img, "png", dir.resolve(run).resolve("training").resolve(String.format("class%02d.png", c)).toFile());
            }
            StringBuilder labels = new StringBuilder();
            for (int q = 0; q < WAYS; q++) {
                String item = String.format("item%02d.png", q + 1);
                ImageIO.write(classes.get(perm(q)), "png", dir.resolve(run).resolve("test").resolve(item).toFile());
                labels.append(run).append("/test/").append(item).append(' ').append(run)
                        .append(String.format("/training/class%02d.png", (perm(q) + shift) % WAYS + 1)).append('\n');
            }
            Files.writeString(dir.resolve(run).resolve("class_labels.txt"), labels);
        }
        return dir;
    }

    /** 7x7 random black/white blocks of 15x15 pixels, as a 1-bit image like Omniglot's. */
    private static BufferedImage blocky(Random random) {
        BufferedImage img = new BufferedImage(105, 105, BufferedImage.TYPE_BYTE_BINARY);
        for (int by = 0; by < 7; by++) {
            for (int bx = 0; bx < 7; bx++) {
                int rgb = random.nextBoolean() ? 0xFFFFFF : 0;
                for (int y = 0; y < 15; y++) {
                    for (int x = 0; x < 15; x++) {
                        img.setRGB(bx * 15 + x, by * 15 + y, rgb);
                    }
                }
            }
        }
        return img;
    }
}
