package org.metalearn.dsl;

import java.util.HashMap;
import java.util.Map;
import org.metalearn.data.omniglot.Omniglot;
import org.metalearn.data.omniglot.OmniglotImages;
import org.metalearn.data.omniglot.OmniglotSplit;

/** Loads Omniglot once per JVM (notebooks call {@code omniglot()} in many cells) and caches its splits. */
final class OmniglotData {
    private static OmniglotImages images;
    private static final Map<Long, OmniglotSplit> SPLITS = new HashMap<>();

    private OmniglotData() {
    }

    private static OmniglotSplit lake;

    static synchronized OmniglotSplit split(long seed) {
        return SPLITS.computeIfAbsent(seed, s -> new OmniglotSplit(images(), s));
    }

    static synchronized OmniglotSplit lakeSplit() {
        if (lake == null) {
            lake = OmniglotSplit.lake(images());
        }
        return lake;
    }

    private static OmniglotImages images() {
        if (images == null) {
            images = Omniglot.load();
        }
        return images;
    }
}
