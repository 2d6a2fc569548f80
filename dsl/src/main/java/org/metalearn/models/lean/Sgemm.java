package org.metalearn.models.lean;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Row-major single-precision matrix products through OpenBLAS (the build ND4J already ships,
 * called through its JavaCPP bindings). Single-threaded on purpose: the engine parallelises over tasks, one
 * core each, which measured faster than splitting these small products across cores.
 */
public final class Sgemm {
    static {
        Loader.load(openblas_nolapack.class);
        openblas_nolapack.blas_set_num_threads(1);
    }

    private Sgemm() {
    }

    /** ND4J sets OpenBLAS's thread count when it starts (e.g. when a DL4J net is built later in the same JVM). */
    private static void singleThreaded() {
        if (openblas_nolapack.blas_get_num_threads() != 1) {
            openblas_nolapack.blas_set_num_threads(1);
        }
    }

    /** A zeroed native-order direct buffer of {@code floats} values. */
    public static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** As {@link #gemm(boolean, boolean, int, int, int, FloatBuffer, FloatBuffer, FloatBuffer)}, B direct. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, FloatBuffer b, float[] c) {
        gemm(transA, transB, m, n, k, FloatBuffer.wrap(a), b, FloatBuffer.wrap(c));
    }

    /** As {@link #gemm(boolean, boolean, int, int, int, FloatBuffer, FloatBuffer, FloatBuffer)}, C direct. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b, FloatBuffer c) {
        gemm(transA, transB, m, n, k, FloatBuffer.wrap(a), FloatBuffer.wrap(b), c);
    }

    /**
     * C[m x n] = op(A) op(B), where op(A) is m x k (A stored k x m when {@code transA}) and op(B) is k x n (B stored
     * n x k when {@code transB}). Direct buffers are used in place, heap ones (wrapped arrays) copied in and out by
     * JavaCPP.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, FloatBuffer a, FloatBuffer b, FloatBuffer c) {
        singleThreaded();
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, 1f, a, transA ? m : k, b, transB ? k : n, 0f, c, n);
    }
}
