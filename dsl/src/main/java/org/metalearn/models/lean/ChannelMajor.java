package org.metalearn.models.lean;

/**
 * Copies between DL4J's image-major order ([image][channel][value], its flat images and its flatten order) and the
 * channel-major order {@link LeanConvNet} computes in ([channel][image][value]), so batch norm runs over contiguous
 * per-channel segments.
 */
final class ChannelMajor {
    private ChannelMajor() {
    }

    /** [image][channel][value] in {@code src} to [channel][image][value] in {@code dst}. */
    static void fromImageMajor(float[] src, float[] dst, int images, int channels, int values) {
        for (int b = 0; b < images; b++) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(src, (b * channels + c) * values, dst, (c * images + b) * values, values);
            }
        }
    }

    /** [channel][image][value] in {@code src} to [image][channel][value] in {@code dst}. */
    static void toImageMajor(float[] src, float[] dst, int images, int channels, int values) {
        for (int c = 0; c < channels; c++) {
            for (int b = 0; b < images; b++) {
                System.arraycopy(src, (c * images + b) * values, dst, (b * channels + c) * values, values);
            }
        }
    }
}
