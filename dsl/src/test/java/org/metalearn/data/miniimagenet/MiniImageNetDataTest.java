package org.metalearn.data.miniimagenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.data.DatasetException;

/** The three routes on generated fixtures: structure, preprocessing, the cache, and the errors. */
class MiniImageNetDataTest {
    private static final SplitShape SHAPE = MiniImageNetFixture.SHAPE;

    @TempDir
    Path tmp;

    @BeforeEach
    void isolateTheCache() {
        System.setProperty("metalearn.cache", tmp.resolve("cache").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("metalearn.cache");
        System.clearProperty(MiniImageNet.TAR_PROPERTY);
    }

    /** Every image comes back as its flat colour / 255 in [channel][row][column] order (JPEG rounding allowed). */
    private static void assertImagesAreTheFixtures(MiniImageNetImages images) {
        for (MiniImageNetClasses classes : List.of(images.train(), images.val(), images.test())) {
            Split split = classes.split();
            assertEquals(SHAPE.classes(split), classes.classCount(), split + " classes");
            assertEquals(SHAPE.imagesPerClass(), classes.imagesPerClass());
            assertEquals(84 * 84 * 3, classes.imageSize());
            float[] x = new float[1 + classes.imageSize()];
            for (int c = 0; c < classes.classCount(); c++) {
                assertEquals(MiniImageNetFixture.wnid(split, c), classes.className(c), "classes sorted by id");
                for (int i = 0; i < classes.imagesPerClass(); i++) {
                    classes.copyImage(c, i, x, 1);
                    int[] rgb = MiniImageNetFixture.colour(split, c, i);
                    for (int ch = 0; ch < 3; ch++) {
                        for (int p : new int[] {0, 84 * 84 / 2 + 41, 84 * 84 - 1}) {
                            float v = x[1 + ch * 84 * 84 + p];
                            assertEquals(rgb[ch] / 255f, v, 4 / 255f, split + " class " + c + " image " + i
                                    + " channel " + ch);
                        }
                    }
                }
            }
        }
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void officialLayoutIsDecodedOnceIntoAMappedCacheOutsideTheDataFolder() throws IOException {
        Path dir = tmp.resolve("official");
        MiniImageNetFixture.official(dir, SHAPE);
        List<Path> before = filesUnder(dir);
        MiniImageNetImages images = MiniImageNet.loadForTests(dir, ResizeFilter.NEAREST, SHAPE);
        assertImagesAreTheFixtures(images);
        assertEquals(before, filesUnder(dir), "nothing written into the data folder");
        Path cache = MiniImageNet.cacheDirectory(dir, ResizeFilter.NEAREST).resolve("train.u8");
        assertTrue(cache.startsWith(tmp.resolve("cache")), cache.toString());
        long bytes = Files.size(cache);
        assertTrue(bytes >= 3 * 4 * 84 * 84 * 3 && bytes < 3 * 4 * 84 * 84 * 3 + 1000, "uint8 cache: " + bytes);
        var stamp = Files.getLastModifiedTime(cache);
        MiniImageNetImages again = MiniImageNet.loadForTests(dir, ResizeFilter.NEAREST, SHAPE);
        assertEquals(stamp, Files.getLastModifiedTime(cache), "second load reads the cache");
        assertImagesAreTheFixtures(again);
        // a changed image invalidates the cache
        Path first = dir.resolve("train").resolve(MiniImageNetFixture.wnid(Split.TRAIN, 0))
                .resolve(MiniImageNetFixture.wnid(Split.TRAIN, 0) + "_100.JPEG");
        Files.write(first, MiniImageNetFixture.jpeg(new int[] {255, 255, 255}, 50, 50));
        float[] x = new float[84 * 84 * 3];
        MiniImageNet.loadForTests(dir, ResizeFilter.NEAREST, SHAPE).train().copyImage(0, 0, x, 0);
        assertEquals(1f, x[0], 2 / 255f, "re-decoded after the source changed");
    }

    @Test
    void preResizedLayoutIsReadThroughItsCsvFiles() throws IOException {
        Path dir = tmp.resolve("pre");
        MiniImageNetFixture.preResized(dir, SHAPE);
        MiniImageNetImages images = MiniImageNet.loadForTests(dir, ResizeFilter.BILINEAR, SHAPE);
        assertImagesAreTheFixtures(images);
        assertEquals(ResizeFilter.BILINEAR, images.filter());
    }

    @Test
    void imageNetTarRouteCutsTheOfficialLayoutOutOfTheTarByByteRanges() throws IOException {
        Path tar = tmp.resolve("ILSVRC2012_img_train.tar");
        Path metadata = tmp.resolve("metadata");
        Map<String, byte[]> jpegs = MiniImageNetFixture.imageNetTar(tar, metadata, SHAPE);
        Path target = tmp.resolve("built");
        MiniImageNet.buildFromImageNet(tar, metadata, target);
        for (var e : jpegs.entrySet()) {
            String wnid = e.getKey().substring(0, e.getKey().indexOf('_'));
            Split split = Split.values()[Integer.parseInt(wnid.substring(1, 3)) - 1];
            Path f = target.resolve(split.folder()).resolve(wnid).resolve(e.getKey());
            assertArrayEquals(e.getValue(), Files.readAllBytes(f), f.toString());
        }
        assertImagesAreTheFixtures(MiniImageNet.loadForTests(target, ResizeFilter.NEAREST, SHAPE));
        // resumable: a second run keeps what is there
        var stamp = Files.getLastModifiedTime(target.resolve("train").resolve(MiniImageNetFixture.wnid(Split.TRAIN, 0))
                .resolve(MiniImageNetFixture.wnid(Split.TRAIN, 0) + "_200.JPEG"));
        MiniImageNet.buildFromImageNet(tar, metadata, target);
        assertEquals(stamp, Files.getLastModifiedTime(target.resolve("train")
                .resolve(MiniImageNetFixture.wnid(Split.TRAIN, 0)).resolve(MiniImageNetFixture.wnid(Split.TRAIN, 0)
                        + "_200.JPEG")));
    }

    @Test
    void aTarInTheFolderIsCutOnFirstLoadAndAnInterruptedCutIsFinished() throws IOException {
        Path dir = tmp.resolve("miniimagenet");
        Path metadata = tmp.resolve("metadata");
        MiniImageNetFixture.imageNetTar(Files.createDirectories(dir).resolve(MiniImageNet.TAR_NAME), metadata, SHAPE);
        MiniImageNetImages images = MiniImageNet.load(dir, ResizeFilter.NEAREST, SHAPE,
                () -> SplitDefinition.fromDirectory(metadata));
        assertImagesAreTheFixtures(images);
        // as if stopped half-way: a class folder lost an image; the next load finishes the cut
        Path cls = dir.resolve("test").resolve(MiniImageNetFixture.wnid(Split.TEST, 1));
        Files.delete(cls.resolve(MiniImageNetFixture.wnid(Split.TEST, 1) + "_201.JPEG"));
        assertImagesAreTheFixtures(MiniImageNet.load(dir, ResizeFilter.NEAREST, SHAPE,
                () -> SplitDefinition.fromDirectory(metadata)));
    }

    @Test
    void theBundledDefinitionIsThePapersSplitWithTheOfficialListsGaps() {
        SplitDefinition paper = SplitDefinition.bundled();
        // the official list lacks 19 of the 60,000 images: 16 classes have 597-599
        assertEquals(59_981, paper.entries.size());
        int shortClasses = 0;
        for (Split split : Split.values()) {
            Map<String, Integer> counts = paper.counts(split);
            assertEquals(SplitShape.PAPER.classes(split), counts.size(), split + " classes");
            assertTrue(counts.values().stream().allMatch(c -> c >= 597 && c <= 600), split + ": " + counts);
            shortClasses += (int) counts.values().stream().filter(c -> c < 600).count();
        }
        assertEquals(16, shortClasses);
        SplitDefinition.Entry first = paper.entries.get(0);
        assertEquals("n01532829_100.JPEG", first.name());
        assertEquals(1907937291L - 1907826176L + 1, first.length());
    }

    /** One split of the paper's shape as the official code's fetch leaves it, listed in memory (nothing on disk). */
    private static TreeMap<String, List<Path>> officialListing(SplitDefinition paper, Split split) {
        TreeMap<String, List<Path>> classes = new TreeMap<>();
        for (SplitDefinition.Entry e : paper.entries) {
            if (e.split() == split) {
                classes.computeIfAbsent(e.wnid(), k -> new ArrayList<>()).add(Path.of(e.name()));
            }
        }
        return classes;
    }

    @Test
    void thePapersShapeAcceptsTheOfficialListsCopyAndRefusesForeignClasses() {
        Path dir = tmp.resolve("paper");
        SplitDefinition paper = SplitDefinition.bundled();
        for (Split split : Split.values()) {
            SourceImages listed = Layouts.checked(dir, split, officialListing(paper, split), SplitShape.PAPER, paper,
                    new HashMap<>(), split.folder() + "/");
            assertEquals(SplitShape.PAPER.classes(split), listed.classNames().size());
        }
        // n03535780 has 597 images in the official list; 600 (a complete copy from elsewhere) passes too, 601 not
        TreeMap<String, List<Path>> val = officialListing(paper, Split.VAL);
        assertEquals(597, val.get("n03535780").size());
        for (int i = 0; i < 3; i++) {
            val.get("n03535780").add(Path.of("extra" + i + ".JPEG"));
        }
        Layouts.checked(dir, Split.VAL, val, SplitShape.PAPER, paper, new HashMap<>(), "val/");
        val.get("n03535780").add(Path.of("extra3.JPEG"));
        var e = assertThrows(DatasetException.class,
                () -> Layouts.checked(dir, Split.VAL, val, SplitShape.PAPER, paper, new HashMap<>(), "val/"));
        assertTrue(e.getMessage().startsWith("Mini-ImageNet: class val/n03535780 has 601 images, expected 600 (or the "
                + "597 of the official list)"), e.getMessage());
        TreeMap<String, List<Path>> test = officialListing(paper, Split.TEST);
        test.put("n99999999", test.remove("n01930112"));
        e = assertThrows(DatasetException.class,
                () -> Layouts.checked(dir, Split.TEST, test, SplitShape.PAPER, paper, new HashMap<>(), "test/"));
        assertTrue(e.getMessage().startsWith("Mini-ImageNet: class test/n99999999 is not one of the 20 official test "
                + "classes"), e.getMessage());
    }

    @Test
    void aTarThatIsNotTheOriginalIsOneClearError() throws IOException {
        Path tar = tmp.resolve("ILSVRC2012_img_train.tar");
        Path metadata = tmp.resolve("metadata");
        MiniImageNetFixture.imageNetTar(tar, metadata, SHAPE);
        byte[] all = Files.readAllBytes(tar);
        Path shifted = tmp.resolve("repacked.tar");
        byte[] moved = new byte[all.length];
        System.arraycopy(all, 0, moved, 7, all.length - 7);
        Files.write(shifted, moved);
        var e = assertThrows(DatasetException.class,
                () -> MiniImageNet.buildFromImageNet(shifted, metadata, tmp.resolve("a")));
        assertTrue(e.getMessage().contains("do not start like a JPEG") && e.getMessage().contains("(3)"), e.getMessage());
        Path truncated = tmp.resolve("truncated.tar");
        Files.write(truncated, Arrays.copyOf(all, 2000));
        e = assertThrows(DatasetException.class,
                () -> MiniImageNet.buildFromImageNet(truncated, metadata, tmp.resolve("b")));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void theProductCheckRefusesASmallCopyNamingWhatIsWrongAndTheThreeWays() throws IOException {
        Path dir = tmp.resolve("official");
        MiniImageNetFixture.official(dir, SHAPE);
        var e = assertThrows(DatasetException.class, () -> MiniImageNet.load(dir, ResizeFilter.NEAREST));
        String m = e.getMessage();
        assertTrue(m.startsWith("Mini-ImageNet: the train split has 3 classes, expected 64 (64/16/20 classes x 600"),
                m);
        assertTrue(m.contains("(1) the official layout") && m.contains("(2) a pre-resized copy")
                && m.contains("(3) your own ImageNet 2012 training tar") && m.contains("METALEARN_DATA"), m);
    }

    @Test
    void missingOrIncompleteDataIsOneClearError() throws IOException {
        var e = assertThrows(DatasetException.class,
                () -> MiniImageNet.loadForTests(tmp.resolve("nowhere"), ResizeFilter.NEAREST, SHAPE));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("(3)"), e.getMessage());

        Path dir = tmp.resolve("official");
        MiniImageNetFixture.official(dir, SHAPE);
        Path cls = dir.resolve("val").resolve(MiniImageNetFixture.wnid(Split.VAL, 1));
        Files.delete(cls.resolve(MiniImageNetFixture.wnid(Split.VAL, 1) + "_102.JPEG"));
        e = assertThrows(DatasetException.class, () -> MiniImageNet.loadForTests(dir, ResizeFilter.NEAREST, SHAPE));
        assertTrue(e.getMessage().contains(MiniImageNetFixture.wnid(Split.VAL, 1) + " has 3 images, expected 4"),
                e.getMessage());

        Path pre = tmp.resolve("pre");
        MiniImageNetFixture.preResized(pre, SHAPE);
        String gone = MiniImageNetFixture.wnid(Split.TEST, 0) + "00000002.jpg";
        Files.delete(pre.resolve("images").resolve(gone));
        e = assertThrows(DatasetException.class, () -> MiniImageNet.loadForTests(pre, ResizeFilter.NEAREST, SHAPE));
        assertTrue(e.getMessage().contains("test.csv line 3 names " + gone), e.getMessage());
    }

    @Test
    void aDamagedJpegIsNamed() throws IOException {
        Path dir = tmp.resolve("official");
        MiniImageNetFixture.official(dir, SHAPE);
        Path bad = dir.resolve("test").resolve(MiniImageNetFixture.wnid(Split.TEST, 1))
                .resolve(MiniImageNetFixture.wnid(Split.TEST, 1) + "_101.JPEG");
        Files.write(bad, new byte[] {1, 2, 3, 4});
        var e = assertThrows(DatasetException.class, () -> MiniImageNet.loadForTests(dir, ResizeFilter.NEAREST, SHAPE));
        assertTrue(e.getMessage().contains("cannot decode " + bad), e.getMessage());
    }

    @Test
    void resizeIsStraightToTheTargetLikePillow() {
        // a 168x42 ramp: nearest takes column floor((x + 0.5) * 2) and row floor((y + 0.5) / 2)
        int w = 168;
        int h = 42;
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                rgb[y * w + x] = (byte) x;
                rgb[w * h + y * w + x] = (byte) (5 * y);
            }
        }
        byte[] out = ImageResize.resize(rgb, w, h, 84, ResizeFilter.NEAREST);
        for (int x = 0; x < 84; x++) {
            assertEquals(2 * x + 1, out[3 * 84 + x] & 0xff, "column " + x);
        }
        for (int y = 0; y < 84; y++) {
            assertEquals(5 * (y / 2), out[84 * 84 + y * 84] & 0xff, "row " + y);
        }
        // bilinear and bicubic average over the wider support: flat stays flat, a ramp stays monotone
        for (ResizeFilter f : new ResizeFilter[] {ResizeFilter.BILINEAR, ResizeFilter.BICUBIC}) {
            byte[] smooth = ImageResize.resize(rgb, w, h, 84, f);
            for (int x = 1; x < 84; x++) {
                assertTrue((smooth[84 * 10 + x] & 0xff) >= (smooth[84 * 10 + x - 1] & 0xff), f + " monotone");
            }
            assertEquals(0, smooth[2 * 84 * 84 + 500], f + " flat blue stays 0");
        }
        assertEquals(ResizeFilter.BICUBIC, ResizeFilter.parse("Bicubic"));
        assertEquals("resize filter must be one of nearest, bilinear, bicubic, got 'lanczos'",
                assertThrows(IllegalArgumentException.class, () -> ResizeFilter.parse("lanczos")).getMessage());
    }
}
