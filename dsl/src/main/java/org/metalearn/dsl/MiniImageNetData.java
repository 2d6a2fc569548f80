package org.metalearn.dsl;

import java.util.EnumMap;
import java.util.Map;
import org.metalearn.data.miniimagenet.MiniImageNet;
import org.metalearn.data.miniimagenet.MiniImageNetImages;
import org.metalearn.data.miniimagenet.ResizeFilter;

/**
 * Loads Mini-ImageNet once per JVM and filter (notebooks call {@code miniImageNet()} in many cells; the cache is
 * memory-mapped, so holding it costs no heap).
 */
final class MiniImageNetData {
    private static final Map<ResizeFilter, MiniImageNetImages> LOADED = new EnumMap<>(ResizeFilter.class);

    private MiniImageNetData() {
    }

    static synchronized MiniImageNetImages images(ResizeFilter filter) {
        return LOADED.computeIfAbsent(filter, f -> MiniImageNet.load(MiniImageNet.directory(), f));
    }

    /** Tests: serve {@code images} (a generated fixture) for {@code images.filter()} instead of loading. */
    static synchronized void useForTests(MiniImageNetImages images) {
        LOADED.put(images.filter(), images);
    }

    /** Tests: forget what was loaded or injected. */
    static synchronized void resetForTests() {
        LOADED.clear();
    }
}
