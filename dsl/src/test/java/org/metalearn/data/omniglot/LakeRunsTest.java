package org.metalearn.data.omniglot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.data.DatasetException;
import org.metalearn.data.TestData;
import org.metalearn.tasks.Episode;

/** The official all_runs.zip, read in place: 20 runs of 20-way 1-shot, each query labelled by class_labels.txt. */
class LakeRunsTest {
    private static Path zip() {
        Path zip = TestData.omniglotDirectory().resolve(LakeRuns.FILE);
        assertTrue(Files.isRegularFile(zip), "the test data has " + zip);
        return zip;
    }

    @Test
    void theOfficialZipHolds20RunsOf20Way1ShotWithOneQueryPerClass() {
        List<Episode> runs = OneShotRuns.read(zip());
        assertEquals(20, runs.size());
        for (int r = 0; r < runs.size(); r++) {
            Episode e = runs.get(r);
            assertEquals(String.format("run%02d", r + 1), e.name());
            assertEquals(20, e.ways());
            assertEquals(20, e.support().size(), e.name() + " support");
            assertEquals(20, e.queryLabels().length, e.name() + " queries");
            // within a run every class is queried once: the labels are a permutation of 0..19
            int[] sorted = e.queryLabels().clone();
            Arrays.sort(sorted);
            assertArrayEquals(IntStream.range(0, 20).toArray(), sorted, e.name());
        }
        // run01/class_labels.txt begins: item01 -> class08, item02 -> class09, item03 -> class02 (0-based 7, 8, 1)
        assertArrayEquals(new int[] {7, 8, 1}, Arrays.copyOf(runs.get(0).queryLabels(), 3));
    }

    @Test
    void theZipReadsAsItsUnpackedFolder(@TempDir Path dir) throws IOException {
        Path zip = zip();
        try (FileSystem fs = FileSystems.newFileSystem(zip)) {
            for (Path p : Files.walk(fs.getPath("/")).toList()) {
                Path target = dir.resolve(p.toString().substring(1));
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        List<Episode> fromZip = OneShotRuns.read(zip);
        List<Episode> fromFolder = OneShotRuns.read(dir);
        assertEquals(fromZip.size(), fromFolder.size());
        for (int r = 0; r < fromZip.size(); r++) {
            assertArrayEquals(fromZip.get(r).queryLabels(), fromFolder.get(r).queryLabels());
            assertArrayEquals(fromZip.get(r).queries().inputs(), fromFolder.get(r).queries().inputs());
            assertArrayEquals(fromZip.get(r).support().all().inputs(), fromFolder.get(r).support().all().inputs());
        }
        // an unpacked all_runs/ in the Omniglot folder is used as it is, nothing fetched
        Files.createDirectories(dir.resolve("omni/all_runs"));
        assertEquals(dir.resolve("omni/all_runs"), LakeRuns.path(dir.resolve("omni")));
    }

    @Test
    void missingRunsWithNoNetworkSayWhereToPutThem(@TempDir Path dir) {
        String old = System.getProperty(Omniglot.URL_PROPERTY);
        System.setProperty(Omniglot.URL_PROPERTY, "http://127.0.0.1:9/"); // nothing listens: fails at once
        try {
            var e = assertThrows(DatasetException.class, () -> LakeRuns.path(dir));
            assertTrue(e.getMessage().startsWith("Omniglot's one-shot runs are not in " + dir), e.getMessage());
            assertTrue(e.getMessage().contains("all_runs.zip"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(Omniglot.URL_PROPERTY);
            } else {
                System.setProperty(Omniglot.URL_PROPERTY, old);
            }
        }
    }
}
