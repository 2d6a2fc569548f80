package org.metalearn.dsl;

import java.util.HashMap;
import java.util.Map;
import org.metalearn.data.omniglot.Omniglot;
import org.metalearn.data.omniglot.OmniglotImages;
import org.metalearn.data.omniglot.OmniglotSplit;

/** Loads Omniglot once per JVM (notebooks call {@code omniglot()} in many cells) and caches splits by seed. */
final class OmniglotData {
    private static OmniglotImages images;
    private static final Map<Long, OmniglotSplit> SPLITS = new HashMap<>();

    private OmniglotData() {
    }

    static synchronized OmniglotSplit split(long seed) {
        if (images == null) {
            images = Omniglot.load();
        }
        return SPLITS.computeIfAbsent(seed, s -> new OmniglotSplit(images, s));
    }
}
