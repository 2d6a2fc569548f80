package org.metalearn.data.omniglot;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.metalearn.data.DatasetException;

/**
 * Reads the official Omniglot layout ({@code images_background} and {@code images_evaluation}, as zips or
 * unpacked folders: {@code <set>/<Alphabet>/characterNN/XXXX_YY.png}, 105x105 1-bit), checks its structure
 * (1623 characters x 20 drawings, 105x105 images) and decodes every drawing to 28x28.
 */
public final class OmniglotArchive {
    public static final List<String> SETS = List.of("images_background", "images_evaluation");
    public static final int SOURCE_SIDE = 105;

    private OmniglotArchive() {
    }

    /** True if both sets are present in {@code dir}, as zip or folder. */
    public static boolean present(Path dir) {
        return SETS.stream().allMatch(s -> Files.isRegularFile(dir.resolve(s + ".zip")) || Files.isDirectory(dir.resolve(s)));
    }

    /** Identifies the sources (file sizes and dates) so a cache made from other files is not used. */
    static String fingerprint(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String s : SETS) {
            Path zip = dir.resolve(s + ".zip");
            if (Files.isRegularFile(zip)) {
                sb.append(s).append(".zip:").append(Files.size(zip)).append(':')
                        .append(Files.getLastModifiedTime(zip).toMillis()).append(';');
            } else {
                sb.append(s).append("/:").append(Files.getLastModifiedTime(dir.resolve(s)).toMillis()).append(';');
            }
        }
        return sb.toString();
    }

    /** One drawing's PNG bytes with its position in the official order. */
    private record Drawing(String character, String file, byte[] png) {
    }

    public static OmniglotImages read(Path dir) {
        Map<String, Map<String, Drawing>> byCharacter = new TreeMap<>(CHARACTER_ORDER);
        Set<String> background = new HashSet<>();
        for (String set : SETS) {
            Path zip = dir.resolve(set + ".zip");
            if (Files.isRegularFile(zip)) {
                readZip(zip, set, byCharacter);
            } else if (Files.isDirectory(dir.resolve(set))) {
                readFolder(dir.resolve(set), byCharacter);
            } else {
                throw new DatasetException("Omniglot: missing " + zip + " (or the unpacked folder " + dir.resolve(set) + ")");
            }
            if (set.equals(SETS.get(0))) {
                background.addAll(byCharacter.keySet()); // a name in both sets fails the drawing count below
            }
        }
        if (byCharacter.size() != OmniglotImages.CHARACTERS) {
            throw new DatasetException("Omniglot: expected " + OmniglotImages.CHARACTERS + " characters in " + dir
                    + ", found " + byCharacter.size());
        }
        List<String> names = new ArrayList<>(byCharacter.keySet());
        List<Drawing> drawings = new ArrayList<>();
        for (var e : byCharacter.entrySet()) {
            if (e.getValue().size() != OmniglotImages.DRAWINGS) {
                throw new DatasetException("Omniglot: character " + e.getKey() + " has " + e.getValue().size()
                        + " drawings, expected " + OmniglotImages.DRAWINGS);
            }
            drawings.addAll(e.getValue().values());
        }
        boolean[] isBackground = new boolean[names.size()];
        for (int c = 0; c < names.size(); c++) {
            isBackground[c] = background.contains(names.get(c));
        }
        OmniglotImages images = OmniglotImages.allocate(names, isBackground);
        // PNG decoding dominates; each drawing is independent
        IntStream.range(0, drawings.size()).parallel().forEach(i -> decode(drawings.get(i),
                images, i / OmniglotImages.DRAWINGS, i % OmniglotImages.DRAWINGS));
        return images;
    }

    /** Alphabets sorted by name, then characters by name, as the official code lists the pooled folder. */
    private static final Comparator<String> CHARACTER_ORDER = Comparator
            .comparing((String k) -> k.substring(0, k.indexOf('/')))
            .thenComparing(k -> k.substring(k.indexOf('/') + 1));

    private static void readZip(Path zip, String set, Map<String, Map<String, Drawing>> out) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            var entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().endsWith(".png")) {
                    continue;
                }
                String[] parts = entry.getName().split("/");
                if (parts.length != 4 || !parts[0].equals(set)) {
                    throw new DatasetException("Omniglot: unexpected entry " + entry.getName() + " in " + zip
                            + " (expected " + set + "/<Alphabet>/<character>/<drawing>.png)");
                }
                try (InputStream in = file.getInputStream(entry)) {
                    add(out, parts[1] + "/" + parts[2], parts[3], in.readAllBytes(), zip + "!" + entry.getName());
                }
            }
        } catch (ZipException e) {
            throw new DatasetException("Omniglot: " + zip + " is not a readable zip (truncated or corrupt: "
                    + e.getMessage() + "); delete it to download it again", e);
        } catch (IOException e) {
            throw new DatasetException("Omniglot: cannot read " + zip + ": " + e.getMessage()
                    + " (truncated or corrupt?); delete it to download it again", e);
        }
    }

    private static void readFolder(Path setDir, Map<String, Map<String, Drawing>> out) {
        try (Stream<Path> files = Files.walk(setDir, 3)) {
            for (Path png : files.filter(p -> p.toString().endsWith(".png")).toList()) {
                Path rel = setDir.relativize(png);
                if (rel.getNameCount() != 3) {
                    throw new DatasetException("Omniglot: unexpected file " + png);
                }
                add(out, rel.getName(0) + "/" + rel.getName(1), rel.getName(2).toString(), Files.readAllBytes(png),
                        png.toString());
            }
        } catch (IOException e) {
            throw new DatasetException("Omniglot: cannot read " + setDir + ": " + e.getMessage(), e);
        }
    }

    private static void add(Map<String, Map<String, Drawing>> out, String character, String file, byte[] png,
                            String where) {
        out.computeIfAbsent(character, k -> new TreeMap<>()).put(file, new Drawing(character, where, png));
    }

    /** Decodes one drawing into the store. */
    private static void decode(Drawing d, OmniglotImages images, int character, int drawing) {
        boolean[] white = downsample(d.png(), d.file());
        for (int p = 0; p < white.length; p++) {
            images.setPixel(character, drawing, p, white[p]);
        }
    }

    /**
     * A 105x105 Omniglot PNG -> 28x28 by nearest neighbour as PIL (source index floor((i + 0.5) * 105 / 28)), true =
     * white background; {@code file} names it in errors.
     */
    public static boolean[] downsample(byte[] png, String file) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new DatasetException("Omniglot: cannot decode " + file + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new DatasetException("Omniglot: " + file + " is not a PNG image");
        }
        if (img.getWidth() != SOURCE_SIDE || img.getHeight() != SOURCE_SIDE) {
            throw new DatasetException("Omniglot: " + file + " is " + img.getWidth() + "x" + img.getHeight()
                    + ", expected " + SOURCE_SIDE + "x" + SOURCE_SIDE);
        }
        Raster raster = img.getRaster();
        boolean oneBit = img.getColorModel().getPixelSize() == 1;
        boolean[] white = new boolean[OmniglotImages.PIXELS];
        for (int i = 0; i < OmniglotImages.SIDE; i++) {
            int y = (int) ((i + 0.5) * SOURCE_SIDE / OmniglotImages.SIDE);
            for (int j = 0; j < OmniglotImages.SIDE; j++) {
                int x = (int) ((j + 0.5) * SOURCE_SIDE / OmniglotImages.SIDE);
                int sample = raster.getSample(x, y, 0);
                white[i * OmniglotImages.SIDE + j] = oneBit ? sample != 0 : sample >= 128;
            }
        }
        return white;
    }
}
