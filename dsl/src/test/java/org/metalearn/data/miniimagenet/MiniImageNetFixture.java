package org.metalearn.data.miniimagenet;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Tiny generated stand-ins for Mini-ImageNet (never real ImageNet): every image a flat colour that encodes its
 * split, class and index, so a test can tell which image it got back. Classes are named like WordNet ids.
 */
public final class MiniImageNetFixture {
    /** The small shape the fixtures use: 3/2/2 classes of 4 images. */
    public static final SplitShape SHAPE = new SplitShape(3, 2, 2, 4);

    private MiniImageNetFixture() {
    }

    /** The class id of class {@code c} of {@code split}: n0<split><c>... (8 digits, like a WordNet id). */
    public static String wnid(Split split, int c) {
        return String.format("n%02d%06d", split.ordinal() + 1, c);
    }

    /** Red = class colour, green = image index, blue = split: what image (split, c, i) should look like. */
    public static int[] colour(Split split, int c, int i) {
        return new int[] {40 + 50 * c, 30 + 40 * i, 60 + 60 * split.ordinal()};
    }

    /** A flat-coloured JPEG of {@code w x h}. */
    public static byte[] jpeg(int[] rgb, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int value = rgb[0] << 16 | rgb[1] << 8 | rgb[2];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, value);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /** Route (1): {@code <dir>/<split>/<wnid>/<wnid>_<i>.JPEG}, 120x90 (not square: resized without a crop). */
    public static void official(Path dir, SplitShape shape) throws IOException {
        for (Split split : Split.values()) {
            for (int c = 0; c < shape.classes(split); c++) {
                Path folder = Files.createDirectories(dir.resolve(split.folder()).resolve(wnid(split, c)));
                for (int i = 0; i < shape.imagesPerClass(); i++) {
                    Files.write(folder.resolve(wnid(split, c) + "_" + (100 + i) + ".JPEG"),
                            jpeg(colour(split, c, i), 120, 90));
                }
            }
        }
    }

    /** Route (2): {@code <dir>/images/<wnid><8 digits>.jpg} (84x84) and {@code <split>.csv} with filename,label. */
    public static void preResized(Path dir, SplitShape shape) throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        for (Split split : Split.values()) {
            StringBuilder csv = new StringBuilder("filename,label\n");
            for (int c = 0; c < shape.classes(split); c++) {
                for (int i = 0; i < shape.imagesPerClass(); i++) {
                    String name = String.format("%s%08d.jpg", wnid(split, c), i + 1);
                    Files.write(images.resolve(name), jpeg(colour(split, c, i), 84, 84));
                    csv.append(name).append(',').append(wnid(split, c)).append('\n');
                }
            }
            Files.writeString(dir.resolve(split.folder() + ".csv"), csv.toString());
        }
    }

    /**
     * Route (3): an uncompressed tar of per-class tars (as ILSVRC2012_img_train.tar: {@code <wnid>.tar} holding
     * {@code <wnid>_<n>.JPEG}), plus metadata in the official form ({@code <split>/<wnid>.csv}: name,first-last)
     * found by locating each JPEG's bytes in the outer file. Returns the JPEGs by their name.
     */
    public static Map<String, byte[]> imageNetTar(Path tar, Path metadata, SplitShape shape) throws IOException {
        Map<String, byte[]> jpegs = new LinkedHashMap<>();
        Map<String, Split> splitOf = new LinkedHashMap<>();
        try (OutputStream raw = Files.newOutputStream(tar); TarArchiveOutputStream outer = new TarArchiveOutputStream(raw)) {
            for (Split split : Split.values()) {
                for (int c = 0; c < shape.classes(split); c++) {
                    String wnid = wnid(split, c);
                    splitOf.put(wnid, split);
                    ByteArrayOutputStream inner = new ByteArrayOutputStream();
                    try (TarArchiveOutputStream t = new TarArchiveOutputStream(inner)) {
                        // an image outside Mini-ImageNet first, as in the real class tars (1300 images, 600 used)
                        for (int i = -1; i < shape.imagesPerClass(); i++) {
                            String name = wnid + "_" + (200 + i) + ".JPEG";
                            byte[] jpeg = i < 0 ? jpeg(new int[] {1, 2, 3}, 50, 50)
                                    : jpeg(colour(split, c, i), 100 + 7 * c + i, 80);
                            TarArchiveEntry e = new TarArchiveEntry(name);
                            e.setSize(jpeg.length);
                            t.putArchiveEntry(e);
                            t.write(jpeg);
                            t.closeArchiveEntry();
                            if (i >= 0) {
                                jpegs.put(name, jpeg);
                            }
                        }
                    }
                    byte[] bytes = inner.toByteArray();
                    TarArchiveEntry e = new TarArchiveEntry(wnid + ".tar");
                    e.setSize(bytes.length);
                    outer.putArchiveEntry(e);
                    outer.write(bytes);
                    outer.closeArchiveEntry();
                }
            }
        }
        byte[] all = Files.readAllBytes(tar);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (var e : jpegs.entrySet()) {
            int at = indexOf(all, e.getValue());
            String wnid = e.getKey().substring(0, e.getKey().indexOf('_'));
            rows.computeIfAbsent(wnid, k -> new ArrayList<>())
                    .add(e.getKey() + "," + at + "-" + (at + e.getValue().length - 1));
        }
        for (var e : rows.entrySet()) {
            Path f = metadata.resolve(splitOf.get(e.getKey()).folder()).resolve(e.getKey() + ".csv");
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue(), StandardCharsets.UTF_8);
        }
        return jpegs;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("JPEG not found in the tar");
    }
}
