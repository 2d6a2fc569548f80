package org.metalearn.data.miniimagenet;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.metalearn.data.DatasetException;
import org.metalearn.util.AtomicFiles;
import org.metalearn.util.Workers;

/**
 * One split decoded once into a compact file: a header (magic, version, the source's fingerprint, class names and
 * image counts) then every image as 84x84x3 bytes, class after class. Written atomically, so a file that exists is complete;
 * opened by memory-mapping its pixels, so loading is instant and costs no heap.
 */
final class ImageCache {
    private static final int MAGIC = 0x4D494E49; // "MINI"
    private static final int VERSION = 1;

    private ImageCache() {
    }

    /** Images decoded in parallel between two writes: enough to keep every core busy, ~10 MB of results. */
    private static final int CHUNK = 512;

    /**
     * Decodes every image of {@code source} (in parallel, one image per worker at a time; JPEG decoding is the slow
     * part of a first load) and writes the cache in class order; {@code progress} gets the count of finished images.
     */
    static void write(Path file, String fingerprint, SourceImages source, ResizeFilter filter, IntConsumer progress) {
        List<Path> all = source.files().stream().flatMap(List::stream).toList();
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 20));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(fingerprint);
            out.writeInt(source.classNames().size());
            int[] counts = source.counts();
            for (int c = 0; c < counts.length; c++) {
                out.writeUTF(source.classNames().get(c));
                out.writeInt(counts[c]);
            }
            int threads = Runtime.getRuntime().availableProcessors();
            try (Workers workers = new Workers("decode", threads)) {
                byte[][] decoded = new byte[CHUNK][];
                for (int from = 0; from < all.size(); from += CHUNK) {
                    int start = from;
                    int count = Math.min(CHUNK, all.size() - from);
                    workers.each(w -> {
                        for (int i = w; i < count; i += threads) {
                            Workers.checkInterrupted("decoding Mini-ImageNet");
                            decoded[i] = decode(all.get(start + i), filter);
                        }
                    });
                    for (int i = 0; i < count; i++) {
                        out.write(decoded[i]);
                    }
                    progress.accept(from + count);
                }
            }
            out.flush();
        });
    }

    /** One image file as 84x84 RGB bytes; a damaged file is one clear error naming it. */
    static byte[] decode(Path file, ResizeFilter filter) {
        try {
            int[] size = new int[2];
            byte[] rgb = ImageResize.decodeRgb(Files.readAllBytes(file), size);
            return ImageResize.resize(rgb, size[0], size[1], MiniImageNet.SIDE, filter);
        } catch (IOException e) {
            throw new DatasetException("Mini-ImageNet: cannot decode " + file + ": " + e.getMessage()
                    + "; replace it with an intact copy (or delete the folder it is in and rebuild it)", e);
        }
    }

    /** The split from a cache made from {@code fingerprint} with the expected counts; null if absent or stale. */
    static MiniImageNetClasses open(Path file, String fingerprint, Split split, int[] counts) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            InputStream in = Channels.newInputStream(channel);
            DataInputStream data = new DataInputStream(in);
            if (data.readInt() != MAGIC || data.readInt() != VERSION || !data.readUTF().equals(fingerprint)
                    || data.readInt() != counts.length) {
                return null;
            }
            List<String> names = new ArrayList<>();
            long images = 0;
            for (int count : counts) {
                names.add(data.readUTF());
                if (data.readInt() != count) {
                    return null;
                }
                images += count;
            }
            long start = channel.position();
            long bytes = images * MiniImageNet.IMAGE_BYTES;
            if (channel.size() != start + bytes) {
                return null; // not what this version writes: rebuilt
            }
            ByteBuffer pixels = channel.map(FileChannel.MapMode.READ_ONLY, start, bytes);
            return new MiniImageNetClasses(split, names, counts, pixels);
        } catch (IOException e) {
            return null; // unreadable cache: rebuilt from the images
        }
    }
}
