package org.metalearn.bench;

import java.util.Arrays;
import java.util.Locale;

/** Min / median / max of repeated timings, in milliseconds per operation. */
public record Timing(String name, int samples, double min, double median, double max) {

    /**
     * Runs {@code op} {@code warmup} times, then {@code samples} times {@code opsPerSample} in a row,
     * recording the mean time per operation of each sample.
     */
    public static Timing measure(String name, int warmup, int samples, int opsPerSample, Runnable op) {
        for (int i = 0; i < warmup; i++) {
            op.run();
        }
        double[] ms = new double[samples];
        for (int s = 0; s < samples; s++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < opsPerSample; i++) {
                op.run();
            }
            ms[s] = (System.nanoTime() - t0) / 1e6 / opsPerSample;
        }
        Arrays.sort(ms);
        return new Timing(name, samples, ms[0], ms[samples / 2], ms[samples - 1]);
    }

    /** A timing from per-operation samples in milliseconds. */
    public static Timing of(String name, double[] samples) {
        double[] ms = samples.clone();
        Arrays.sort(ms);
        return new Timing(name, ms.length, ms[0], ms[ms.length / 2], ms[ms.length - 1]);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-48s median %9.4f ms  (min %9.4f, max %9.4f, n=%d)", name, median, min,
                max, samples);
    }
}
