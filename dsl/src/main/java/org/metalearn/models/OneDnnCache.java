package org.metalearn.models;

import java.util.HashMap;
import java.util.Map;

/** One {@link OneDnnConv} per shape, created on first use. Not thread-safe. */
public final class OneDnnCache implements AutoCloseable {
    private final Map<OneDnnShape, OneDnnConv> convs = new HashMap<>();

    public OneDnnConv get(OneDnnShape shape) {
        return convs.computeIfAbsent(shape, OneDnnConv::new);
    }

    @Override
    public void close() {
        convs.values().forEach(OneDnnConv::close);
        convs.clear();
    }
}
