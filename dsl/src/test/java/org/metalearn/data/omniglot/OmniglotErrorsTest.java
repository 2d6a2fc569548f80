package org.metalearn.data.omniglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.data.DatasetException;
import org.metalearn.data.Downloader;
import org.metalearn.data.TestData;

class OmniglotErrorsTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void isolateTheCache() {
        System.setProperty("metalearn.cache", tmp.resolve("cache").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("metalearn.cache");
        System.clearProperty(Omniglot.URL_PROPERTY);
    }

    private static byte[] png(int side) throws IOException {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** A zip in the official layout with {@code characters} characters of {@code drawings} images. */
    private static void syntheticZip(Path zip, String set, int characters, int drawings, byte[] png) throws IOException {
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(raw)) {
            for (int c = 0; c < characters; c++) {
                for (int d = 1; d <= drawings; d++) {
                    out.putNextEntry(new ZipEntry(String.format("%s/Alpha%s/character%02d/%04d_%02d.png", set,
                            set.charAt(7), c % 50 + 1 + 0, c, d).replace("character", "character" + (c / 50) + "_")));
                    out.write(png);
                    out.closeEntry();
                }
            }
        }
    }

    @Test
    void cacheLoadEqualsZipLoadBitForBit() {
        Path dir = TestData.omniglotDirectory();
        OmniglotImages fromZips = OmniglotArchive.read(dir);
        OmniglotImages first = Omniglot.load(dir); // decodes and writes the cache
        assertTrue(Files.isRegularFile(Omniglot.cacheFile(dir)));
        OmniglotImages cached = Omniglot.load(dir);
        float[] a = new float[784];
        float[] b = new float[784];
        for (int c = 0; c < 1623; c++) {
            assertEquals(fromZips.name(c), cached.name(c));
            assertEquals(fromZips.isBackground(c), cached.isBackground(c));
            for (int d = 0; d < 20; d++) {
                fromZips.copy(c, d, 0, a, 0);
                cached.copy(c, d, 0, b, 0);
                assertTrue(java.util.Arrays.equals(a, b), "character " + c + " drawing " + d);
            }
        }
        assertEquals(first.name(5), cached.name(5));
    }

    @Test
    void aTruncatedZipIsReportedAsCorrupt() throws IOException {
        Path src = TestData.omniglotDirectory();
        Files.copy(src.resolve("images_evaluation.zip"), tmp.resolve("images_evaluation.zip"));
        byte[] bytes = Files.readAllBytes(src.resolve("images_background.zip"));
        Files.write(tmp.resolve("images_background.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        String msg = assertThrows(DatasetException.class, () -> Omniglot.load(tmp)).getMessage();
        assertTrue(msg.contains("images_background.zip is not a readable zip (truncated or corrupt"), msg);
    }

    @Test
    void missingDataWithoutNetworkSaysWhereAndHow() {
        System.setProperty(Omniglot.URL_PROPERTY, tmp.resolve("no-such-mirror").toUri() + "/");
        String msg = assertThrows(DatasetException.class, () -> Omniglot.load(tmp.resolve("empty"))).getMessage();
        assertTrue(msg.startsWith("Omniglot is not in " + tmp.resolve("empty")), msg);
        assertTrue(msg.contains("downloading") && msg.contains("images_background.zip failed"), msg);
        assertTrue(msg.contains("METALEARN_DATA"), msg);
        try (var files = Files.list(tmp.resolve("empty"))) {
            assertEquals(0, files.count(), "nothing half-written left behind");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDownloadWithTheWrongChecksumIsNotKept() throws IOException {
        Path fake = tmp.resolve("mirror/images_background.zip");
        Files.createDirectories(fake.getParent());
        Files.writeString(fake, "not the real zip");
        Path target = tmp.resolve("data/images_background.zip");
        String msg = assertThrows(DatasetException.class,
                () -> Downloader.download(fake.toUri(), target, Omniglot.BACKGROUND_MD5)).getMessage();
        assertTrue(msg.contains("has MD5") && msg.contains("expected " + Omniglot.BACKGROUND_MD5), msg);
        try (var files = Files.list(target.getParent())) {
            assertEquals(0, files.count());
        }
        // and with the right checksum it lands
        String md5 = java.util.HexFormat.of().formatHex(
                assertDoesNotThrowMd5(Files.readAllBytes(fake)));
        Downloader.download(fake.toUri(), target, md5);
        assertTrue(Files.isRegularFile(target));
    }

    private static byte[] assertDoesNotThrowMd5(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void wrongCountsAreReported() throws IOException {
        byte[] png = png(105);
        syntheticZip(tmp.resolve("images_background.zip"), "images_background", 3, 20, png);
        syntheticZip(tmp.resolve("images_evaluation.zip"), "images_evaluation", 2, 19, png);
        String msg = assertThrows(DatasetException.class, () -> Omniglot.load(tmp)).getMessage();
        assertTrue(msg.startsWith("Omniglot: expected 1623 characters in " + tmp + ", found 5"), msg);
    }

    @Test
    void wrongImageSizeIsReported() throws IOException {
        byte[] small = png(10);
        syntheticZip(tmp.resolve("images_background.zip"), "images_background", 964, 20, small);
        syntheticZip(tmp.resolve("images_evaluation.zip"), "images_evaluation", 659, 20, small);
        String msg = assertThrows(DatasetException.class, () -> Omniglot.load(tmp)).getMessage();
        assertTrue(msg.contains(" is 10x10, expected 105x105"), msg);
        assertFalse(Files.exists(Omniglot.cacheFile(tmp)), "no cache of bad data");
    }
}
