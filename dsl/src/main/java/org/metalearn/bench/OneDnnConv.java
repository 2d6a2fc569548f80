package org.metalearn.bench;

import static org.bytedeco.dnnl.global.dnnl.*;
import static org.metalearn.models.onednn.OneDnnRuntime.ENGINE;
import static org.metalearn.models.onednn.OneDnnRuntime.args;
import static org.metalearn.models.onednn.OneDnnRuntime.check;
import static org.metalearn.models.onednn.OneDnnRuntime.desc;
import static org.metalearn.models.onednn.OneDnnRuntime.dims;
import static org.metalearn.models.onednn.OneDnnRuntime.primitiveDesc;
import static org.metalearn.models.onednn.OneDnnRuntime.singleThreaded;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.global.dnnl;
import org.metalearn.models.lean.LeanConvNet;

/**
 * One 3x3 (or any square-kernel) float32 convolution computed by oneDNN (the JavaCPP presets' build, 2.5.2, C API):
 * forward with bias, backward data, backward weights with bias. Benchmark code: it measures oneDNN's convolutions layer
 * by layer against {@link LeanConvNet}'s im2col copy + OpenBLAS sgemm on the paper nets' layer shapes
 * ({@link ConvKernels}); the product net, {@code models.onednn.OneDnnConvNet}, chains whole blocks in oneDNN instead.
 *
 * <p>Shapes are fixed per instance: the three primitives (and any reorders, see {@link OneDnnShape.Layout}) are
 * created once. Activations are NCHW or [C][N][H][W]
 * ({@link LeanConvNet}'s layout, oneDNN tag {@code bacd}); weights are [out][in][kh][kw] (oihw), as in the
 * parameter vector. The float[] arguments are copied into native buffers owned by the instance (one bulk copy
 * each way, no allocation per call). 'same' padding as TensorFlow: {@code padBefore} rows/columns before, the
 * rest after.
 *
 * <p>Runs on one OpenMP thread ({@code OneDnnRuntime.singleThreaded}; docs/design/models.md#openmp), so for a fixed
 * shape and ISA it reproduces its results bit for bit. Not thread-safe: one instance per thread, used on the thread
 * that created it.
 */
public final class OneDnnConv implements AutoCloseable {
    /** One pass (forward, backward data, backward weights): reorders in, the convolution, reorders out. */
    private record Pass(dnnl_primitive[] steps, dnnl_exec_arg_t[] args, int[] counts) {
    }

    private final OneDnnShape shape;
    private final dnnl_stream stream = new dnnl_stream();
    private final FloatPointer src;
    private final FloatPointer weights;
    private final FloatPointer bias;
    private final FloatPointer dst;
    private final FloatPointer diffSrc;
    private final FloatPointer diffWeights;
    private final FloatPointer diffBias;
    private final FloatPointer diffDst;
    private final dnnl_primitive_desc[] descs = new dnnl_primitive_desc[3];
    // everything native to free on close
    private final List<dnnl_primitive> primitives = new ArrayList<>();
    private final List<dnnl_primitive_desc> reorderDescs = new ArrayList<>();
    private final List<dnnl_memory> memories = new ArrayList<>();
    private final List<FloatPointer> buffers = new ArrayList<>();
    private final Pass forwardPass;
    private final Pass backwardDataPass;
    private final Pass backwardWeightsPass;

    public OneDnnConv(OneDnnShape shape) {
        singleThreaded();
        this.shape = shape;
        int side = shape.side();
        int outSide = shape.outSide();
        int activations = shape.layout().channelMajor() ? dnnl_bacd : dnnl_nchw;
        dnnl_memory_desc_t srcMd = desc(new long[] {shape.batch(), shape.in(), side, side}, activations);
        dnnl_memory_desc_t dstMd = desc(new long[] {shape.batch(), shape.out(), outSide, outSide}, activations);
        dnnl_memory_desc_t weightsMd = desc(new long[] {shape.out(), shape.in(), shape.kernel(), shape.kernel()},
                dnnl_oihw);
        dnnl_memory_desc_t biasMd = desc(new long[] {shape.out()}, dnnl_x);
        boolean blocked = shape.layout().blocked();
        dnnl_memory_desc_t srcAny = blocked ? desc(dims(srcMd), dnnl_format_tag_any) : srcMd;
        dnnl_memory_desc_t dstAny = blocked ? desc(dims(dstMd), dnnl_format_tag_any) : dstMd;
        dnnl_memory_desc_t weightsAny = blocked ? desc(dims(weightsMd), dnnl_format_tag_any) : weightsMd;
        long[] strides = {shape.stride(), shape.stride()};
        long[] padL = {shape.padBefore(), shape.padBefore()};
        long[] padR = {shape.padAfter(), shape.padAfter()};

        dnnl_convolution_desc_t forward = new dnnl_convolution_desc_t();
        check(dnnl_convolution_forward_desc_init(forward, dnnl_forward_training, dnnl_convolution_direct, srcAny,
                weightsAny, biasMd, dstAny, strides, padL, padR), "forward desc");
        descs[0] = primitiveDesc(forward, null);
        dnnl_convolution_desc_t backData = new dnnl_convolution_desc_t();
        check(dnnl_convolution_backward_data_desc_init(backData, dnnl_convolution_direct, srcAny, weightsAny, dstAny,
                strides, padL, padR), "backward data desc");
        descs[1] = primitiveDesc(backData, descs[0]);
        dnnl_convolution_desc_t backWeights = new dnnl_convolution_desc_t();
        check(dnnl_convolution_backward_weights_desc_init(backWeights, dnnl_convolution_direct, srcAny, weightsAny,
                biasMd, dstAny, strides, padL, padR), "backward weights desc");
        descs[2] = primitiveDesc(backWeights, descs[0]);
        check(dnnl_stream_create(stream, ENGINE, dnnl_stream_default_flags), "stream");

        src = buffer(shape.srcSize());
        diffSrc = buffer(shape.srcSize());
        dst = buffer(shape.dstSize());
        diffDst = buffer(shape.dstSize());
        weights = buffer(shape.weightsSize());
        diffWeights = buffer(shape.weightsSize());
        bias = buffer(shape.out());
        diffBias = buffer(shape.out());
        dnnl_memory srcMem = memory(srcMd, src);
        dnnl_memory weightsMem = memory(weightsMd, weights);
        dnnl_memory biasMem = memory(biasMd, bias);
        dnnl_memory dstMem = memory(dstMd, dst);
        dnnl_memory diffSrcMem = memory(srcMd, diffSrc);
        dnnl_memory diffWeightsMem = memory(weightsMd, diffWeights);
        dnnl_memory diffBiasMem = memory(biasMd, diffBias);
        dnnl_memory diffDstMem = memory(dstMd, diffDst);
        forwardPass = pass(descs[0],
                new Arg(DNNL_ARG_SRC, dnnl_query_src_md, srcMd, srcMem, false),
                new Arg(DNNL_ARG_WEIGHTS, dnnl_query_weights_md, weightsMd, weightsMem, false),
                new Arg(DNNL_ARG_BIAS, dnnl_query_weights_md, biasMd, biasMem, false, 1),
                new Arg(DNNL_ARG_DST, dnnl_query_dst_md, dstMd, dstMem, true));
        backwardDataPass = pass(descs[1],
                new Arg(DNNL_ARG_DIFF_DST, dnnl_query_diff_dst_md, dstMd, diffDstMem, false),
                new Arg(DNNL_ARG_WEIGHTS, dnnl_query_weights_md, weightsMd, weightsMem, false),
                new Arg(DNNL_ARG_DIFF_SRC, dnnl_query_diff_src_md, srcMd, diffSrcMem, true));
        backwardWeightsPass = pass(descs[2],
                new Arg(DNNL_ARG_SRC, dnnl_query_src_md, srcMd, srcMem, false),
                new Arg(DNNL_ARG_DIFF_DST, dnnl_query_diff_dst_md, dstMd, diffDstMem, false),
                new Arg(DNNL_ARG_DIFF_WEIGHTS, dnnl_query_diff_weights_md, weightsMd, diffWeightsMem, true),
                new Arg(DNNL_ARG_DIFF_BIAS, dnnl_query_diff_weights_md, biasMd, diffBiasMem, true, 1));
    }

    /** An argument of a pass: its kind, how to ask the primitive for its layout, and the caller-layout memory. */
    private record Arg(int kind, int query, dnnl_memory_desc_t userMd, dnnl_memory user, boolean output,
                       int index) {
        Arg(int kind, int query, dnnl_memory_desc_t userMd, dnnl_memory user, boolean output) {
            this(kind, query, userMd, user, output, 0);
        }
    }

    /** The pass of a primitive desc, binding each argument to the caller's memory or to a reordered copy. */
    private Pass pass(dnnl_primitive_desc pd, Arg... args) {
        List<dnnl_primitive> steps = new ArrayList<>();
        List<dnnl_exec_arg_t> stepArgs = new ArrayList<>();
        List<dnnl_primitive> after = new ArrayList<>();
        List<dnnl_exec_arg_t> afterArgs = new ArrayList<>();
        Object[] convArgs = new Object[2 * args.length];
        for (int i = 0; i < args.length; i++) {
            Arg a = args[i];
            dnnl_memory_desc_t wanted = dnnl_primitive_desc_query_md(pd, a.query(), a.index());
            dnnl_memory bound = a.user();
            if (dnnl_memory_desc_equal(wanted, a.userMd()) == 0) {
                bound = memory(wanted, buffer((int) (dnnl_memory_desc_get_size(wanted) / Float.BYTES)));
                dnnl_memory from = a.output() ? bound : a.user();
                dnnl_memory to = a.output() ? a.user() : bound;
                dnnl_primitive reorder = reorder(a.output() ? wanted : a.userMd(), a.output() ? a.userMd() : wanted);
                (a.output() ? after : steps).add(reorder);
                (a.output() ? afterArgs : stepArgs).add(args(DNNL_ARG_FROM, from, DNNL_ARG_TO, to));
            }
            convArgs[2 * i] = a.kind();
            convArgs[2 * i + 1] = bound;
        }
        dnnl_primitive conv = new dnnl_primitive();
        check(dnnl_primitive_create(conv, pd), "primitive");
        primitives.add(conv);
        steps.add(conv);
        stepArgs.add(args(convArgs));
        steps.addAll(after);
        stepArgs.addAll(afterArgs);
        int[] counts = new int[steps.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = steps.get(i) == conv ? args.length : 2;
        }
        return new Pass(steps.toArray(new dnnl_primitive[0]), stepArgs.toArray(new dnnl_exec_arg_t[0]), counts);
    }

    private dnnl_primitive reorder(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_reorder_primitive_desc_create(pd, from, ENGINE, to, ENGINE, null), "reorder desc");
        reorderDescs.add(pd);
        dnnl_primitive reorder = new dnnl_primitive();
        check(dnnl_primitive_create(reorder, pd), "reorder");
        primitives.add(reorder);
        return reorder;
    }

    public OneDnnShape shape() {
        return shape;
    }

    /** dst = conv(src, weights) + bias; {@code bias} may be null (zero). */
    public void forward(float[] srcValues, float[] weightValues, float[] biasValues, float[] dstValues) {
        src.put(srcValues, 0, shape.srcSize());
        weights.put(weightValues, 0, shape.weightsSize());
        if (biasValues != null) {
            bias.put(biasValues, 0, shape.out());
        } else {
            bias.zero();
        }
        execute(forwardPass);
        dst.get(dstValues, 0, shape.dstSize());
    }

    /** diffSrc = the gradient w.r.t. the input, given the gradient w.r.t. the output. */
    public void backwardData(float[] diffDstValues, float[] weightValues, float[] diffSrcValues) {
        diffDst.put(diffDstValues, 0, shape.dstSize());
        weights.put(weightValues, 0, shape.weightsSize());
        execute(backwardDataPass);
        diffSrc.get(diffSrcValues, 0, shape.srcSize());
    }

    /** The kernel gradient ([out][in][kh][kw]) and, when {@code diffBiasValues} is not null, the bias gradient. */
    public void backwardWeights(float[] srcValues, float[] diffDstValues, float[] diffWeightValues,
                                float[] diffBiasValues) {
        src.put(srcValues, 0, shape.srcSize());
        diffDst.put(diffDstValues, 0, shape.dstSize());
        execute(backwardWeightsPass);
        diffWeights.get(diffWeightValues, 0, shape.weightsSize());
        if (diffBiasValues != null) {
            diffBias.get(diffBiasValues, 0, shape.out());
        }
    }

    /**
     * The implementations oneDNN picked (forward, backward data, backward weights, e.g. "x64:gemm:jit"), each with
     * "+N reorders" when the pass converts layouts.
     */
    public String[] implementations() {
        String[] names = new String[3];
        Pass[] passes = {forwardPass, backwardDataPass, backwardWeightsPass};
        for (int i = 0; i < 3; i++) {
            PointerPointer<BytePointer> result = new PointerPointer<>(1);
            check(dnnl_primitive_desc_query(descs[i], dnnl_query_impl_info_str, 0, result), "query");
            names[i] = result.get(BytePointer.class, 0).getString();
            int reorders = passes[i].steps().length - 1;
            if (reorders > 0) {
                names[i] += "+" + reorders + " reorders";
            }
        }
        return names;
    }

    private void execute(Pass pass) {
        singleThreaded();
        for (int i = 0; i < pass.steps().length; i++) {
            check(dnnl_primitive_execute(pass.steps()[i], stream, pass.counts()[i], pass.args()[i]), "execute");
        }
        check(dnnl_stream_wait(stream), "wait");
    }

    @Override
    public void close() {
        memories.forEach(dnnl::dnnl_memory_destroy);
        primitives.forEach(dnnl::dnnl_primitive_destroy);
        reorderDescs.forEach(dnnl::dnnl_primitive_desc_destroy);
        for (dnnl_primitive_desc pd : descs) {
            dnnl_primitive_desc_destroy(pd);
        }
        dnnl_stream_destroy(stream);
        buffers.forEach(FloatPointer::close);
    }

    private FloatPointer buffer(int floats) {
        FloatPointer p = new FloatPointer(floats);
        p.zero();
        buffers.add(p);
        return p;
    }

    private dnnl_memory memory(dnnl_memory_desc_t md, FloatPointer data) {
        dnnl_memory memory = new dnnl_memory();
        check(dnnl_memory_create(memory, md, ENGINE, data), "memory");
        memories.add(memory);
        return memory;
    }


}
