package org.metalearn.models.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;
import static org.metalearn.models.onednn.OneDnnRuntime.check;
import static org.metalearn.models.onednn.OneDnnRuntime.desc;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.dnnl.dnnl_batch_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_pooling_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.metalearn.models.ConvLayout;

/**
 * One block of a {@link ConvLayout} net for one batch size, all in oneDNN primitives: convolution (3x3, 'same', no
 * bias: under batch statistics it cancels, as in {@code models.lean.LeanConvNet}) -> batch norm with batch
 * statistics, scale and shift, fused with ReLU -> optionally 2x2 'same' max-pool; forward and backward. Activations
 * stay in the layouts oneDNN picks for its kernels (e.g. nChw8c) from one block to the next, so a step reorders
 * only the kernels (once per step, from the parameter vector's [out][in][kh][kw]) and the net's input and output
 * ends.
 *
 * <p>The three step lists a net runs: {@link #load} then {@code sync} (parameters into native layouts),
 * {@code forward}, {@code backward}; the net appends each block's steps to one list per pass and runs it with a
 * single call (see {@link OneDnnConvNet}). Not thread-safe, like the {@link OneDnnResources} it builds on.
 */
final class OneDnnBlock {
    private final int kernelOffset;
    private final int kernelSize;
    private final int biasOffset;
    private final int gammaOffset;
    private final int betaOffset;
    private final int filters;
    private final FloatPointer weights;
    private final FloatPointer scale;
    private final FloatPointer shift;
    private final FloatPointer diffWeights;
    private final FloatPointer diffBias;
    private final FloatPointer diffScale;
    private final FloatPointer diffShift;
    private final dnnl_memory out;
    private final dnnl_memory_desc_t outMd;
    private final dnnl_memory diffOut;
    // a one-channel input's kernel gradient (see SingleChannelKernelGradient), from dz as [filter][image][row][column]
    private final SingleChannelKernelGradient singleChannel;
    private final FloatBuffer dzPlain;

    /**
     * Block {@code l} of {@code layout} on a batch of {@code n}, reading its input from {@code src} (layout
     * {@code srcMd}) and, when {@code diffSrc} is not null, writing the gradient w.r.t. that input into it (same
     * layout). Appends its steps to {@code sync}, {@code forward} and {@code backward}.
     */
    OneDnnBlock(OneDnnResources r, ConvLayout layout, int l, int n, float epsilon, boolean serialWeights,
                dnnl_memory src, dnnl_memory_desc_t srcMd, dnnl_memory diffSrc, OneDnnResources.Steps sync,
                OneDnnResources.Steps forward, OneDnnResources.Steps backward) {
        this(r, layout, l, 0, layout.filters(), n, epsilon, serialWeights, src, srcMd, diffSrc, sync, forward,
                backward);
    }

    /**
     * As above, for the filters [{@code first}, {@code first + count}) of block {@code l} only: a group of a block
     * split by filters (see {@link OneDnnConvNet}); each filter's convolution, batch norm and pool need no other.
     */
    OneDnnBlock(OneDnnResources r, ConvLayout layout, int l, int first, int count, int n, float epsilon,
                boolean serialWeights, dnnl_memory src, dnnl_memory_desc_t srcMd, dnnl_memory diffSrc,
                OneDnnResources.Steps sync, OneDnnResources.Steps forward, OneDnnResources.Steps backward) {
        int in = layout.channels(l);
        int k = ConvLayout.KERNEL;
        filters = count;
        kernelOffset = layout.kernelOffset(l) + first * in * k * k;
        kernelSize = count * in * k * k;
        biasOffset = layout.biasOffset(l) + first;
        gammaOffset = layout.gammaOffset(l) + first;
        betaOffset = layout.betaOffset(l) + first;
        int side = layout.side(l);
        int convSide = layout.convSide(l);
        long[] strides = {layout.stride(), layout.stride()};
        long[] padL = {layout.pad(l), layout.pad(l)};
        long after = (long) (convSide - 1) * layout.stride() + k - side - layout.pad(l);
        long[] padR = {after, after};
        dnnl_memory_desc_t weightsMd = desc(new long[] {filters, in, k, k}, dnnl_oihw);
        dnnl_memory_desc_t channelMd = desc(new long[] {filters}, dnnl_x);
        dnnl_memory_desc_t srcAny = desc(new long[] {n, in, side, side}, dnnl_format_tag_any);
        dnnl_memory_desc_t convAny = desc(new long[] {n, filters, convSide, convSide}, dnnl_format_tag_any);
        dnnl_memory_desc_t weightsAny = desc(new long[] {filters, in, k, k}, dnnl_format_tag_any);

        // parameters: the caller's layouts, and the kernel as the convolutions want it
        weights = r.buffer(kernelSize);
        scale = r.buffer(filters);
        shift = r.buffer(filters);
        diffWeights = r.buffer(kernelSize);
        diffBias = r.buffer(filters);
        diffScale = r.buffer(filters);
        diffShift = r.buffer(filters);
        dnnl_memory weightsMem = r.memory(weightsMd, weights);
        dnnl_memory scaleMem = r.memory(channelMd, scale);
        dnnl_memory shiftMem = r.memory(channelMd, shift);

        // convolution forward: z = conv(x, w)
        dnnl_convolution_desc_t convDesc = new dnnl_convolution_desc_t();
        check(dnnl_convolution_forward_desc_init(convDesc, dnnl_forward_training, dnnl_convolution_direct, srcAny,
                weightsAny, null, convAny, strides, padL, padR), "convolution desc");
        dnnl_primitive_desc convPd = r.desc(convDesc, null, "convolution");
        dnnl_memory_desc_t convSrcMd = dnnl_primitive_desc_query_md(convPd, dnnl_query_src_md, 0);
        dnnl_memory_desc_t convWeightsMd = dnnl_primitive_desc_query_md(convPd, dnnl_query_weights_md, 0);
        dnnl_memory_desc_t zMd = dnnl_primitive_desc_query_md(convPd, dnnl_query_dst_md, 0);
        dnnl_memory convWeights = sync.as(weightsMem, weightsMd, convWeightsMd);
        dnnl_memory x = forward.as(src, srcMd, convSrcMd);
        dnnl_memory z = r.memory(zMd);
        forward.add(r.primitive(convPd), DNNL_ARG_SRC, x, DNNL_ARG_WEIGHTS, convWeights, DNNL_ARG_DST, z);

        // batch norm with this batch's statistics, scale (gamma) and shift (beta), ReLU fused: y = relu(bn(z))
        int flags = dnnl_use_scale | dnnl_use_shift | dnnl_fuse_norm_relu;
        dnnl_batch_normalization_desc_t bnDesc = new dnnl_batch_normalization_desc_t();
        check(dnnl_batch_normalization_forward_desc_init(bnDesc, dnnl_forward_training, zMd, epsilon, flags),
                "batch norm desc");
        // on one thread, forward and backward: oneDNN splits its sums across threads (see OneDnnResources#serial)
        OneDnnResources.Built bn = r.serial(bnDesc, null, "batch norm");
        dnnl_primitive_desc bnPd = bn.desc();
        dnnl_memory mean = r.memory(channelMd);
        dnnl_memory variance = r.memory(channelMd);
        dnnl_memory reluMask = r.memory(dnnl_primitive_desc_query_md(bnPd, dnnl_query_workspace_md, 0));
        dnnl_memory y = r.memory(zMd);
        forward.add(bn.primitive(), DNNL_ARG_SRC, z, DNNL_ARG_DST, y, DNNL_ARG_SCALE, scaleMem, DNNL_ARG_SHIFT,
                shiftMem, DNNL_ARG_MEAN, mean, DNNL_ARG_VARIANCE, variance, DNNL_ARG_WORKSPACE, reluMask);

        // optional max-pool: out = pool(y)
        dnnl_memory dy;
        if (layout.pool()) {
            int outSide = layout.side(l + 1);
            int pool = ConvLayout.POOL;
            long[] window = {pool, pool};
            long[] poolL = {layout.poolPad(l), layout.poolPad(l)};
            long poolAfter = (long) (outSide - 1) * pool + pool - convSide - layout.poolPad(l);
            long[] poolR = {poolAfter, poolAfter};
            dnnl_memory_desc_t pooledAny = desc(new long[] {n, filters, outSide, outSide}, dnnl_format_tag_any);
            dnnl_pooling_desc_t poolDesc = new dnnl_pooling_desc_t();
            check(dnnl_pooling_forward_desc_init(poolDesc, dnnl_forward_training, dnnl_pooling_max, zMd, pooledAny,
                    window, window, poolL, poolR), "pooling desc");
            dnnl_primitive_desc poolPd = r.desc(poolDesc, null, "pooling");
            outMd = dnnl_primitive_desc_query_md(poolPd, dnnl_query_dst_md, 0);
            out = r.memory(outMd);
            dnnl_memory poolWorkspace = r.memory(dnnl_primitive_desc_query_md(poolPd, dnnl_query_workspace_md, 0));
            forward.add(r.primitive(poolPd), DNNL_ARG_SRC, y, DNNL_ARG_DST, out, DNNL_ARG_WORKSPACE, poolWorkspace);
            diffOut = r.memory(outMd);
            dnnl_pooling_desc_t poolBack = new dnnl_pooling_desc_t();
            check(dnnl_pooling_backward_desc_init(poolBack, dnnl_pooling_max, zMd, outMd, window, window, poolL,
                    poolR), "pooling backward desc");
            dnnl_primitive_desc poolBackPd = r.desc(poolBack, poolPd, "pooling backward");
            dy = r.memory(zMd);
            backward.add(r.primitive(poolBackPd), DNNL_ARG_DIFF_DST, diffOut, DNNL_ARG_WORKSPACE, poolWorkspace,
                    DNNL_ARG_DIFF_SRC, dy);
        } else {
            outMd = zMd;
            out = y;
            diffOut = r.memory(zMd);
            dy = diffOut;
        }

        // batch norm + ReLU backward (the mask from the forward pass): dz, d gamma, d beta
        dnnl_batch_normalization_desc_t bnBack = new dnnl_batch_normalization_desc_t();
        check(dnnl_batch_normalization_backward_desc_init(bnBack, dnnl_backward, zMd, zMd, epsilon, flags),
                "batch norm backward desc");
        OneDnnResources.Built bnBackward = r.serial(bnBack, bnPd, "batch norm backward");
        dnnl_memory dz = r.memory(zMd);
        // the shift is an argument too: oneDNN 2.5's backward refuses to run without it (invalid arguments)
        backward.add(bnBackward.primitive(), DNNL_ARG_SRC, z, DNNL_ARG_MEAN, mean, DNNL_ARG_VARIANCE, variance,
                DNNL_ARG_DIFF_DST, dy, DNNL_ARG_SCALE, scaleMem, DNNL_ARG_SHIFT, shiftMem,
                DNNL_ARG_WORKSPACE, reluMask, DNNL_ARG_DIFF_SRC, dz,
                DNNL_ARG_DIFF_SCALE, r.memory(channelMd, diffScale),
                DNNL_ARG_DIFF_SHIFT, r.memory(channelMd, diffShift));

        // convolution backward: the kernel and bias gradients (the bias one is the sum of dz per channel) ...
        if (in == 1) {
            singleChannel = new SingleChannelKernelGradient(n, side, convSide, layout.stride(), layout.pad(l), filters);
            dnnl_memory_desc_t plainMd = desc(new long[] {n, filters, convSide, convSide}, dnnl_bacd);
            FloatPointer plain = r.buffer((long) n * filters * convSide * convSide);
            backward.reorder(dz, zMd, r.memory(plainMd, plain), plainMd);
            dzPlain = plain.asBuffer();
        } else {
            singleChannel = null;
            dzPlain = null;
            dnnl_convolution_desc_t weightsBack = new dnnl_convolution_desc_t();
            check(dnnl_convolution_backward_weights_desc_init(weightsBack, dnnl_convolution_direct, srcAny, weightsAny,
                    channelMd, convAny, strides, padL, padR), "convolution backward weights desc");
            // with serialWeights on one thread: on some instruction sets (AVX-512 here) oneDNN splits these sums
            // (over images and positions) across threads on large maps, which changes their rounding
            OneDnnResources.Built wb = serialWeights
                    ? r.serial(weightsBack, convPd, "convolution backward weights")
                    : r.built(weightsBack, convPd, "convolution backward weights");
            dnnl_primitive_desc weightsBackPd = wb.desc();
            dnnl_memory_desc_t dwMd = dnnl_primitive_desc_query_md(weightsBackPd, dnnl_query_diff_weights_md, 0);
            dnnl_memory dw = r.memory(dwMd);
            backward.add(wb.primitive(),
                    DNNL_ARG_SRC, backward.as(x, convSrcMd, dnnl_primitive_desc_query_md(weightsBackPd,
                            dnnl_query_src_md, 0)),
                    DNNL_ARG_DIFF_DST, backward.as(dz, zMd, dnnl_primitive_desc_query_md(weightsBackPd,
                            dnnl_query_diff_dst_md, 0)),
                    DNNL_ARG_DIFF_WEIGHTS, dw, DNNL_ARG_DIFF_BIAS, r.memory(channelMd, diffBias));
            backward.reorder(dw, dwMd, r.memory(weightsMd, diffWeights), weightsMd);
        }

        // ... and, below the first block, the gradient w.r.t. the block's input
        if (diffSrc != null) {
            dnnl_convolution_desc_t dataBack = new dnnl_convolution_desc_t();
            check(dnnl_convolution_backward_data_desc_init(dataBack, dnnl_convolution_direct, srcAny, weightsAny,
                    convAny, strides, padL, padR), "convolution backward data desc");
            dnnl_primitive_desc dataBackPd = r.desc(dataBack, convPd, "convolution backward data");
            dnnl_memory_desc_t dxMd = dnnl_primitive_desc_query_md(dataBackPd, dnnl_query_diff_src_md, 0);
            dnnl_memory_desc_t wantedWeights = dnnl_primitive_desc_query_md(dataBackPd, dnnl_query_weights_md, 0);
            dnnl_memory backWeights = dnnl_memory_desc_equal(wantedWeights, convWeightsMd) != 0 ? convWeights
                    : sync.as(weightsMem, weightsMd, wantedWeights);
            dnnl_memory dzData = backward.as(dz, zMd, dnnl_primitive_desc_query_md(dataBackPd,
                    dnnl_query_diff_dst_md, 0));
            boolean direct = dnnl_memory_desc_equal(dxMd, srcMd) != 0;
            dnnl_memory dx = direct ? diffSrc : r.memory(dxMd);
            backward.add(r.primitive(dataBackPd), DNNL_ARG_DIFF_DST, dzData, DNNL_ARG_WEIGHTS, backWeights,
                    DNNL_ARG_DIFF_SRC, dx);
            if (!direct) {
                backward.reorder(dx, dxMd, diffSrc, srcMd);
            }
        }
    }

    /** The block's output (the next block's input) and its layout. */
    dnnl_memory out() {
        return out;
    }

    dnnl_memory_desc_t outMd() {
        return outMd;
    }

    /** Where the backward pass expects the gradient w.r.t. {@link #out()} (same layout). */
    dnnl_memory diffOut() {
        return diffOut;
    }

    /** Copies this block's kernel, gamma and beta from the parameter vector into native memory (then run sync). */
    void load(float[] params) {
        weights.put(params, kernelOffset, kernelSize);
        scale.put(params, gammaOffset, filters);
        shift.put(params, betaOffset, filters);
    }

    /**
     * Copies the last backward pass's gradients of this block into their places in {@code gradient}; {@code images}
     * are the net's input, which a one-channel first block reads for its kernel gradient.
     */
    void gradients(float[] gradient, float[] images) {
        if (singleChannel != null) {
            singleChannel.compute(images, dzPlain, gradient, kernelOffset, biasOffset);
        } else {
            diffWeights.get(gradient, kernelOffset, kernelSize);
            diffBias.get(gradient, biasOffset, filters);
        }
        diffScale.get(gradient, gammaOffset, filters);
        diffShift.get(gradient, betaOffset, filters);
    }
}
