package org.metalearn.models.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;
import static org.metalearn.models.onednn.OneDnnRuntime.ENGINE;
import static org.metalearn.models.onednn.OneDnnRuntime.args;
import static org.metalearn.models.onednn.OneDnnRuntime.check;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.global.dnnl;

/**
 * Owns the native objects of a chain of oneDNN primitives (buffers, memories, primitive descriptors, primitives, one
 * stream) and frees them together on {@link #close()}: none of them is garbage-collected. Also builds the chain's
 * {@link Steps}, which run on the instance's OpenMP thread count. Not thread-safe: one caller thread at a time.
 */
final class OneDnnResources implements AutoCloseable {
    /** Primitives to execute in order on this instance's stream, each with its arguments. */
    final class Steps {
        private final List<dnnl_primitive> primitives = new ArrayList<>();
        private final List<dnnl_exec_arg_t> arguments = new ArrayList<>();
        private final List<Integer> counts = new ArrayList<>();

        /** Appends {@code primitive} with its (argument kind, memory) pairs. */
        void add(dnnl_primitive primitive, Object... kindsAndMemories) {
            primitives.add(primitive);
            arguments.add(args(kindsAndMemories));
            counts.add(kindsAndMemories.length / 2);
        }

        /** Appends a copy of {@code from} (layout {@code fromMd}) into {@code to} (layout {@code toMd}). */
        void reorder(dnnl_memory from, dnnl_memory_desc_t fromMd, dnnl_memory to, dnnl_memory_desc_t toMd) {
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            check(dnnl_reorder_primitive_desc_create(pd, fromMd, ENGINE, toMd, ENGINE, null), "reorder desc");
            descs.add(pd);
            add(primitive(pd), DNNL_ARG_FROM, from, DNNL_ARG_TO, to);
        }

        /**
         * {@code have} as a primitive wants it: itself when its layout is already {@code wanted}, else a new memory
         * of layout {@code wanted} that a reorder appended here fills from it.
         */
        dnnl_memory as(dnnl_memory have, dnnl_memory_desc_t haveMd, dnnl_memory_desc_t wanted) {
            if (dnnl_memory_desc_equal(haveMd, wanted) != 0) {
                return have;
            }
            dnnl_memory copy = memory(wanted);
            reorder(have, haveMd, copy, wanted);
            return copy;
        }

        /** Appends {@code other}'s primitives after this list's. */
        void append(Steps other) {
            primitives.addAll(other.primitives);
            arguments.addAll(other.arguments);
            counts.addAll(other.counts);
        }

        int size() {
            return primitives.size();
        }

        void run() {
            OneDnnRuntime.threads(threads);
            for (int i = 0; i < primitives.size(); i++) {
                check(dnnl_primitive_execute(primitives.get(i), stream, counts.get(i), arguments.get(i)), "execute");
            }
            check(dnnl_stream_wait(stream), "wait");
        }
    }

    private final int threads;
    private final dnnl_stream stream = new dnnl_stream();
    private final List<FloatPointer> buffers = new ArrayList<>();
    private final List<dnnl_memory> memories = new ArrayList<>();
    private final List<dnnl_primitive_desc> descs = new ArrayList<>();
    private final List<dnnl_primitive> primitives = new ArrayList<>();

    /** Resources whose primitives run on {@code threads} OpenMP threads (except the {@link #serial} ones). */
    OneDnnResources(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        OneDnnRuntime.threads(threads);
        check(dnnl_stream_create(stream, ENGINE, dnnl_stream_default_flags), "stream");
    }

    Steps steps() {
        return new Steps();
    }

    /** A zeroed native float buffer. */
    FloatPointer buffer(long floats) {
        FloatPointer p = new FloatPointer(floats);
        p.zero();
        buffers.add(p);
        return p;
    }

    /** A memory of layout {@code md} over a new zeroed buffer of its size. */
    dnnl_memory memory(dnnl_memory_desc_t md) {
        return memory(md, buffer(Math.max(1, dnnl_memory_desc_get_size(md) / Float.BYTES)));
    }

    /** A memory of layout {@code md} over {@code data} (which must hold its size). */
    dnnl_memory memory(dnnl_memory_desc_t md, FloatPointer data) {
        dnnl_memory memory = new dnnl_memory();
        check(dnnl_memory_create(memory, md, ENGINE, data), "memory");
        memories.add(memory);
        return memory;
    }

    /** The primitive descriptor of an operation descriptor (convolution, batch norm, pooling ...). */
    dnnl_primitive_desc desc(Pointer operation, dnnl_primitive_desc forwardHint, String what) {
        OneDnnRuntime.threads(threads);
        return createDesc(operation, forwardHint, what);
    }

    dnnl_primitive primitive(dnnl_primitive_desc pd) {
        OneDnnRuntime.threads(threads);
        return createPrimitive(pd);
    }

    /** A primitive and the descriptor it was made from (for queries, and as a backward pass's forward hint). */
    record Built(dnnl_primitive_desc desc, dnnl_primitive primitive) {
    }

    /**
     * The primitive of an operation descriptor, made to run on one thread whatever this instance's thread count: for
     * the primitives whose sums oneDNN splits across threads (batch norm's statistics and gradients), so that their
     * results do not depend on the thread count (oneDNN fixes a primitive's split of the work when it creates it).
     */
    Built serial(Pointer operation, dnnl_primitive_desc forwardHint, String what) {
        OneDnnRuntime.threads(1);
        try {
            return create(operation, forwardHint, what);
        } finally {
            OneDnnRuntime.threads(threads);
        }
    }

    /** As {@link #serial}, on this instance's thread count. */
    Built built(Pointer operation, dnnl_primitive_desc forwardHint, String what) {
        OneDnnRuntime.threads(threads);
        return create(operation, forwardHint, what);
    }

    private Built create(Pointer operation, dnnl_primitive_desc forwardHint, String what) {
        dnnl_primitive_desc pd = createDesc(operation, forwardHint, what);
        return new Built(pd, createPrimitive(pd));
    }

    private dnnl_primitive_desc createDesc(Pointer operation, dnnl_primitive_desc forwardHint, String what) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(operation), null, ENGINE, forwardHint), what);
        descs.add(pd);
        return pd;
    }

    private dnnl_primitive createPrimitive(dnnl_primitive_desc pd) {
        dnnl_primitive primitive = new dnnl_primitive();
        check(dnnl_primitive_create(primitive, pd), "primitive");
        primitives.add(primitive);
        return primitive;
    }

    @Override
    public void close() {
        memories.forEach(dnnl::dnnl_memory_destroy);
        primitives.forEach(dnnl::dnnl_primitive_destroy);
        descs.forEach(dnnl::dnnl_primitive_desc_destroy);
        dnnl_stream_destroy(stream);
        buffers.forEach(FloatPointer::close);
        memories.clear();
        primitives.clear();
        descs.clear();
        buffers.clear();
    }
}
