package org.metalearn.data.omniglot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.metalearn.util.AtomicFiles;

/**
 * All Omniglot drawings, decoded once to 28x28 and kept as one bit array (1 bit a pixel: 1 = white background,
 * 0 = ink; 3.2 MB for 32,460 images). Characters are in the official order (alphabets, then characters, sorted by
 * name over both sets pooled). Can be saved to and loaded from a binary cache file.
 */
public final class OmniglotImages {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    public static final int CHARACTERS = 1623;
    public static final int DRAWINGS = 20;
    private static final int WORDS = (PIXELS + 63) / 64;
    private static final int MAGIC = 0x4F4D4E49; // "OMNI"
    /** 2: which set (background or evaluation) each character comes from is stored too. */
    private static final int VERSION = 2;

    private final List<String> names;
    private final boolean[] background;
    private final long[] bits;

    OmniglotImages(List<String> names, boolean[] background, long[] bits) {
        this.names = List.copyOf(names);
        this.background = background.clone();
        this.bits = bits;
    }

    /**
     * An empty store for the named characters of {@link #DRAWINGS} drawings; {@code background[c]}: character c is
     * from images_background (Lake et al.'s 30 background alphabets), else from images_evaluation.
     */
    static OmniglotImages allocate(List<String> names, boolean[] background) {
        return new OmniglotImages(names, background, new long[names.size() * DRAWINGS * WORDS]);
    }

    public int characterCount() {
        return names.size();
    }

    /** "Alphabet/characterNN". */
    public String name(int character) {
        return names.get(character);
    }

    /** The character's alphabet (the part of its name before the slash). */
    public String alphabet(int character) {
        String n = names.get(character);
        return n.substring(0, n.indexOf('/'));
    }

    /** True if the character is from images_background, false if from images_evaluation. */
    public boolean isBackground(int character) {
        return background[character];
    }

    void setPixel(int character, int drawing, int pixel, boolean white) {
        int base = (character * DRAWINGS + drawing) * WORDS;
        if (white) {
            bits[base + pixel / 64] |= 1L << (pixel % 64);
        } else {
            bits[base + pixel / 64] &= ~(1L << (pixel % 64));
        }
    }

    public boolean isWhite(int character, int drawing, int pixel) {
        int base = (character * DRAWINGS + drawing) * WORDS;
        return (bits[base + pixel / 64] >>> (pixel % 64) & 1L) != 0;
    }

    /**
     * Writes the drawing as 784 floats (1.0 background, 0.0 ink, row-major) rotated counter-clockwise by
     * {@code quarterTurns} x 90 degrees, as PIL's rotate.
     */
    public void copy(int character, int drawing, int quarterTurns, float[] dst, int offset) {
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                int src = sourcePixel(i, j, quarterTurns & 3);
                dst[offset + i * SIDE + j] = isWhite(character, drawing, src) ? 1f : 0f;
            }
        }
    }

    /** The source pixel that a counter-clockwise rotation moves to (i, j): out[i][j] = in[j][W-1-i] per turn. */
    static int sourcePixel(int i, int j, int turns) {
        int r = i;
        int c = j;
        for (int t = 0; t < turns; t++) {
            int nr = c;
            int nc = SIDE - 1 - r;
            r = nr;
            c = nc;
        }
        return r * SIDE + c;
    }

    void save(Path file, String source) {
        AtomicFiles.write(file, raw -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw), crc));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(source);
            out.writeInt(names.size());
            for (int c = 0; c < names.size(); c++) {
                out.writeUTF(names.get(c));
                out.writeBoolean(background[c]);
            }
            for (long w : bits) {
                out.writeLong(w);
            }
            out.flush();
            new DataOutputStream(raw).writeLong(crc.getValue());
        });
    }

    /** The cached images if the file is intact and was made from {@code source}; null otherwise. */
    static OmniglotImages load(Path file, String source) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            CRC32 crc = new CRC32();
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            if (in.readInt() != MAGIC || in.readInt() != VERSION || !in.readUTF().equals(source)) {
                return null;
            }
            int n = in.readInt();
            if (n != CHARACTERS) {
                return null;
            }
            String[] names = new String[n];
            boolean[] background = new boolean[n];
            for (int i = 0; i < n; i++) {
                names[i] = in.readUTF();
                background[i] = in.readBoolean();
            }
            long[] bits = new long[n * DRAWINGS * WORDS];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = in.readLong();
            }
            long expected = crc.getValue();
            if (new DataInputStream(raw).readLong() != expected) {
                return null;
            }
            return new OmniglotImages(List.of(names), background, bits);
        } catch (IOException e) {
            return null; // damaged cache: rebuilt from the archives
        }
    }
}
