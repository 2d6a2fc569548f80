package org.metalearn.data.miniimagenet;

import java.nio.file.Path;
import java.util.List;

/**
 * The image files of one split, class by class (classes sorted by WordNet id, images by file name), as found in
 * one of the two on-disk layouts; what the decoder turns into a cache.
 */
record SourceImages(Split split, List<String> classNames, List<List<Path>> files) {
    /** Images of each class, in class order. */
    int[] counts() {
        return files.stream().mapToInt(List::size).toArray();
    }
}
