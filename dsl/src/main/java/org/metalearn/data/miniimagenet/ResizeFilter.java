package org.metalearn.data.miniimagenet;

import java.util.Locale;

/**
 * How images are resized to 84x84. The official code calls Pillow's {@code resize((84, 84))} without a filter,
 * which meant nearest-neighbour in the Pillow of 2018 (Pillow 7 made bicubic the default in 2020), so
 * {@link #NEAREST} is the default; the others follow Pillow's resampling of the same name.
 */
public enum ResizeFilter {
    NEAREST(0),
    BILINEAR(1),
    BICUBIC(2);

    /** Pillow's support radius of the filter at scale 1. */
    final double support;

    ResizeFilter(double support) {
        this.support = support;
    }

    /** The filter's weight at distance {@code x} (Pillow's triangle and its bicubic with a = -0.5). */
    double weight(double x) {
        double t = Math.abs(x);
        switch (this) {
            case BILINEAR:
                return t < 1 ? 1 - t : 0;
            case BICUBIC:
                double a = -0.5;
                if (t < 1) {
                    return ((a + 2) * t - (a + 3)) * t * t + 1;
                }
                return t < 2 ? (((t - 5) * t + 8) * t - 4) * a : 0;
            default:
                throw new IllegalStateException("nearest-neighbour has no weights");
        }
    }

    /** "nearest", "bilinear" or "bicubic" (any case); one clear error for anything else. */
    public static ResizeFilter parse(String name) {
        for (ResizeFilter f : values()) {
            if (f.name().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("resize filter must be one of nearest, bilinear, bicubic, got '" + name
                + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
