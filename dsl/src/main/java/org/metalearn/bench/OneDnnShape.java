package org.metalearn.bench;

/** A {@link OneDnnConv}'s shape: batch, input channels, input side, output channels, kernel, stride, padding before. */
public record OneDnnShape(int batch, int in, int side, int out, int kernel, int stride, int padBefore, Layout layout) {
    /** TensorFlow 'same': ceil(side / stride). */
    public int outSide() {
        return (side + stride - 1) / stride;
    }

    public int padAfter() {
        return (outSide() - 1) * stride + kernel - side - padBefore;
    }

    public int srcSize() {
        return batch * in * side * side;
    }

    public int dstSize() {
        return batch * out * outSide() * outSide();
    }

    public int weightsSize() {
        return out * in * kernel * kernel;
    }

    /**
     * How activations are laid out. NCHW and CNHW (the lean conv net's [channel][image][row][column], oneDNN tag
     * {@code bacd}) make oneDNN work on the caller's layout directly, which restricts it to what supports plain
     * layouts (measured: NCHW gets {@code gemm:jit}, its own im2col + sgemm; CNHW only the slow reference code).
     * BLOCKED lets oneDNN choose ({@code format_tag_any}, e.g. nChw8c for its direct AVX2 kernels) while the caller
     * still passes NCHW: each call reorders inputs into the chosen layouts and outputs back. BLOCKED_CNHW is the
     * same with CNHW arrays (what the lean conv net uses).
     */
    public enum Layout {
        NCHW, CNHW, BLOCKED, BLOCKED_CNHW;

        boolean channelMajor() {
            return this == CNHW || this == BLOCKED_CNHW;
        }

        boolean blocked() {
            return this == BLOCKED || this == BLOCKED_CNHW;
        }
    }
}
