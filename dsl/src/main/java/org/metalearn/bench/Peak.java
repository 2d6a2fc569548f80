package org.metalearn.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Locale;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * This machine's measured single-precision peak: the best GFLOP/s of a large square matrix product through the
 * very entry the lean nets use ({@code cblas_sgemm} of the OpenBLAS ND4J ships, through JavaCPP, on direct
 * buffers), on one thread and on every core. A large product is as close to the FMA units' limit as this library
 * gets, so it is the yardstick the conv lines' GFLOP/s are given as a fraction of: a line that runs on one core
 * against the one-thread figure, a line whose tasks spread over all cores against the all-threads figure.
 */
record Peak(int size, int runs, double oneThread, double allThreads, int threads) {
    /** The square size: large enough that packing and threading overheads are noise, small enough to take ~1 s. */
    static final int SIZE = 2048;

    /** Best of {@code runs} products on 1 thread and on {@code threads} threads, after one untimed of each. */
    static Peak measure(int runs) {
        int threads = Runtime.getRuntime().availableProcessors();
        Loader.load(openblas_nolapack.class);
        int before = openblas_nolapack.blas_get_num_threads();
        FloatBuffer a = random(SIZE * SIZE, 1);
        FloatBuffer b = random(SIZE * SIZE, 2);
        FloatBuffer c = random(SIZE * SIZE, 3);
        try {
            double one = best(1, runs, a, b, c);
            double all = threads > 1 ? best(threads, runs, a, b, c) : one;
            return new Peak(SIZE, runs, one, all, threads);
        } finally {
            // the lean nets want OpenBLAS single-threaded (they check on every product, but leave it as found)
            openblas_nolapack.blas_set_num_threads(before);
        }
    }

    private static double best(int threads, int runs, FloatBuffer a, FloatBuffer b, FloatBuffer c) {
        openblas_nolapack.blas_set_num_threads(threads);
        double flops = 2.0 * SIZE * SIZE * SIZE;
        double best = 0;
        for (int r = 0; r <= runs; r++) {
            long t0 = System.nanoTime();
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, SIZE, SIZE, SIZE, 1f, a, SIZE, b, SIZE, 0f, c, SIZE);
            double gflops = flops / (System.nanoTime() - t0);
            if (r > 0) { // the first run pays for OpenBLAS's thread start-up and the pages' first touch
                best = Math.max(best, gflops);
            }
        }
        return best;
    }

    private static FloatBuffer random(int floats, long seed) {
        FloatBuffer f = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        var rng = new java.util.SplittableRandom(seed);
        for (int i = 0; i < floats; i++) {
            f.put(i, (float) rng.nextDouble());
        }
        return f;
    }

    /** The peak a line running on {@code cores} cores is compared with. */
    double forCores(int cores) {
        return cores > 1 ? allThreads : oneThread;
    }

    /** GFLOP/s as a percentage of the peak for {@code cores} cores. */
    double percent(double gflops, int cores) {
        return 100 * gflops / forCores(cores);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "peak (sgemm %dx%d, best of %d): %.1f GFLOP/s on 1 thread, %.1f GFLOP/s "
                + "on %d threads (%.1f per core)", size, size, runs, oneThread, allThreads, threads, allThreads / threads);
    }
}
