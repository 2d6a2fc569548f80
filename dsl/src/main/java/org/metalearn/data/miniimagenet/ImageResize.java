package org.metalearn.data.miniimagenet;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes a JPEG to RGB and resizes it straight to the target size (no crop, aspect ratio not kept), as the
 * official code's {@code Image.open(path).resize((84, 84))}: nearest-neighbour takes source pixel
 * {@code floor((x + 0.5) * in / out)}, as Pillow does; bilinear and bicubic are Pillow's separable resampling
 * (the filter widened by the downscaling factor, so every source pixel counts, horizontal pass first, each pass
 * rounded to bytes). Output: bytes in DL4J's order [channel][row][column].
 */
final class ImageResize {
    private ImageResize() {
    }

    /** RGB bytes [channel][row][column] of a decoded image, or an IOException naming what could not be read. */
    static byte[] decodeRgb(byte[] encoded, int[] size) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(encoded));
        } catch (IOException e) {
            // ImageIO refuses the few CMYK/YCCK JPEGs in ImageNet: read their raw bands instead
            return decodeCmyk(encoded, size, e);
        }
        if (image == null) {
            throw new IOException("not a JPEG or PNG image (" + encoded.length + " bytes)");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w); // grey and palette images come out as RGB too
        byte[] rgb = new byte[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            rgb[i] = (byte) (argb[i] >> 16);
            rgb[w * h + i] = (byte) (argb[i] >> 8);
            rgb[2 * w * h + i] = (byte) argb[i];
        }
        size[0] = w;
        size[1] = h;
        return rgb;
    }

    /**
     * Four-band JPEGs, read as Adobe's inverted CMYK (C' = 255 - C): R = C' K' / 255, the usual naive conversion.
     * Not checked against Pillow on real ImageNet files; a YCCK file would come out in wrong colours.
     */
    private static byte[] decodeCmyk(byte[] encoded, int[] size, IOException original) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw original;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                Raster raster = reader.readRaster(0, null);
                if (raster.getNumBands() != 4) {
                    throw original;
                }
                int w = raster.getWidth();
                int h = raster.getHeight();
                byte[] rgb = new byte[3 * w * h];
                int[] px = new int[4];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        raster.getPixel(x, y, px);
                        int k = px[3];
                        for (int c = 0; c < 3; c++) {
                            rgb[c * w * h + y * w + x] = (byte) Math.round(px[c] * k / 255.0);
                        }
                    }
                }
                size[0] = w;
                size[1] = h;
                return rgb;
            } finally {
                reader.dispose();
            }
        }
    }

    /** Resizes RGB bytes [channel][row][column] of {@code w x h} to {@code side x side}. */
    static byte[] resize(byte[] rgb, int w, int h, int side, ResizeFilter filter) {
        if (filter == ResizeFilter.NEAREST) {
            return nearest(rgb, w, h, side);
        }
        byte[] wide = new byte[3 * side * h];
        byte[] out = new byte[3 * side * side];
        Weights horizontal = new Weights(w, side, filter);
        Weights vertical = new Weights(h, side, filter);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < side; x++) {
                    double s = 0;
                    for (int i = 0; i < horizontal.count[x]; i++) {
                        s += horizontal.weight[x][i] * (rgb[(c * h + y) * w + horizontal.first[x] + i] & 0xff);
                    }
                    wide[(c * h + y) * side + x] = clip(s);
                }
            }
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    double s = 0;
                    for (int i = 0; i < vertical.count[y]; i++) {
                        s += vertical.weight[y][i] * (wide[(c * h + vertical.first[y] + i) * side + x] & 0xff);
                    }
                    out[(c * side + y) * side + x] = clip(s);
                }
            }
        }
        return out;
    }

    private static byte[] nearest(byte[] rgb, int w, int h, int side) {
        byte[] out = new byte[3 * side * side];
        for (int y = 0; y < side; y++) {
            int sy = Math.min((int) ((y + 0.5) * h / side), h - 1);
            for (int x = 0; x < side; x++) {
                int sx = Math.min((int) ((x + 0.5) * w / side), w - 1);
                for (int c = 0; c < 3; c++) {
                    out[(c * side + y) * side + x] = rgb[(c * h + sy) * w + sx];
                }
            }
        }
        return out;
    }

    private static byte clip(double v) {
        return (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
    }

    /** Pillow's per-output-pixel filter taps along one axis: the first source index, the count and the weights. */
    private static final class Weights {
        final int[] first;
        final int[] count;
        final double[][] weight;

        Weights(int in, int out, ResizeFilter filter) {
            double scale = (double) in / out;
            double filterScale = Math.max(scale, 1);
            double support = filter.support * filterScale;
            first = new int[out];
            count = new int[out];
            weight = new double[out][];
            for (int o = 0; o < out; o++) {
                double center = (o + 0.5) * scale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), in);
                double[] k = new double[max - min];
                double total = 0;
                for (int i = 0; i < k.length; i++) {
                    k[i] = filter.weight((i + min - center + 0.5) / filterScale);
                    total += k[i];
                }
                for (int i = 0; i < k.length; i++) {
                    k[i] = total != 0 ? k[i] / total : 0;
                }
                first[o] = min;
                count[o] = k.length;
                weight[o] = k;
            }
        }
    }
}
