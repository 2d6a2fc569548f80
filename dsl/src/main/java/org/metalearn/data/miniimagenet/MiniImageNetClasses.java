package org.metalearn.data.miniimagenet;

import java.nio.ByteBuffer;
import java.util.List;
import org.metalearn.tasks.ImageClasses;

/**
 * One split's images, read from the memory-mapped cache on demand: 84x84 RGB bytes a image in DL4J's order
 * [channel][row][column], turned into floats (pixel / 255) only when a task copies them, so the 60,000 images
 * (1.27 GB as bytes) live in the page cache and not on the heap. Safe for concurrent readers (absolute reads only).
 */
public final class MiniImageNetClasses implements ImageClasses {
    private final Split split;
    private final List<String> names;
    private final int[] counts;
    private final int[] first; // index of each class's first image in the cache
    private final int imagesPerClass;
    private final ByteBuffer pixels;

    MiniImageNetClasses(Split split, List<String> names, int[] counts, ByteBuffer pixels) {
        this.split = split;
        this.names = List.copyOf(names);
        this.counts = counts.clone();
        this.first = new int[counts.length];
        int min = Integer.MAX_VALUE;
        for (int c = 0, at = 0; c < counts.length; at += counts[c], c++) {
            first[c] = at;
            min = Math.min(min, counts[c]);
        }
        this.imagesPerClass = min;
        this.pixels = pixels;
    }

    public Split split() {
        return split;
    }

    /** The WordNet id of class {@code cls} (classes are sorted by it). */
    public String className(int cls) {
        return names.get(cls);
    }

    @Override
    public int classCount() {
        return names.size();
    }

    /** The fewest images of any class (600, or 597 in the official copy's validation split). */
    @Override
    public int imagesPerClass() {
        return imagesPerClass;
    }

    @Override
    public int imageCount(int cls) {
        return counts[cls];
    }

    @Override
    public int imageSize() {
        return MiniImageNet.IMAGE_BYTES;
    }

    @Override
    public void copyImage(int cls, int index, float[] dst, int offset) {
        if (cls < 0 || cls >= names.size() || index < 0 || index >= counts[cls]) {
            throw new IndexOutOfBoundsException("image " + index + " of class " + cls + " (" + names.size()
                    + " classes, this one of " + (cls < 0 || cls >= names.size() ? 0 : counts[cls]) + " images)");
        }
        byte[] bytes = new byte[MiniImageNet.IMAGE_BYTES];
        // int offsets suffice: a split's mapping is under 2 GB (the training split is 0.81 GB)
        pixels.get((first[cls] + index) * MiniImageNet.IMAGE_BYTES, bytes);
        for (int i = 0; i < bytes.length; i++) {
            dst[offset + i] = (bytes[i] & 0xff) / 255f;
        }
    }

    @Override
    public String toString() {
        int total = first.length == 0 ? 0 : first[first.length - 1] + counts[counts.length - 1];
        return "Mini-ImageNet " + split.folder() + ": " + names.size() + " classes, " + total + " images";
    }
}
