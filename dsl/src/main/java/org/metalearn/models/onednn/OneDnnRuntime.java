package org.metalearn.models.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.global.dnnl;
import org.metalearn.models.OneDnnBuilds;

/**
 * What every oneDNN primitive of this backend (and the benchmark's single convolutions) shares: the CPU engine, the
 * calling thread's OpenMP thread count (one by default: one task per core; more when a task is lent cores, see
 * {@link org.metalearn.models.CoreLending}) and the C API's small helpers (memory descriptors, primitive descriptors,
 * argument arrays, status checks). Why the count is set per thread through libgomp: docs/design/models.md#openmp.
 */
public final class OneDnnRuntime {
    public static final dnnl_engine ENGINE;
    private static final NativeLibrary OPEN_MP;
    private static final Function OMP_SET_NUM_THREADS;
    private static final ThreadLocal<int[]> THREADS = ThreadLocal.withInitial(() -> new int[] {0}); // 0: not set yet

    static {
        OneDnnBuilds.claim(OneDnnBuilds.User.ONEDNN_CONVOLUTIONS);
        String jni = Loader.load(dnnl.class); // the path of the presets' JNI library, which links libdnnl
        ENGINE = new dnnl_engine();
        check(dnnl_engine_create(ENGINE, dnnl_cpu, 0), "engine");
        // dlsym on a library's handle searches its dependencies too: this finds the libgomp libdnnl actually calls
        // (ND4J's copy when ND4J loaded first: one OpenMP runtime per process, as /proc/self/maps shows)
        OPEN_MP = NativeLibrary.getInstance(jni);
        OMP_SET_NUM_THREADS = OPEN_MP.getFunction("omp_set_num_threads");
    }

    /** The library's version, CPU threading runtime and the ISA it dispatches to, e.g. for a benchmark's header. */
    public static String describe() {
        dnnl_version_t v = dnnl_version();
        String runtime = v.cpu_runtime() == DNNL_RUNTIME_OMP ? "OpenMP" : v.cpu_runtime() == DNNL_RUNTIME_SEQ
                ? "sequential" : v.cpu_runtime() == DNNL_RUNTIME_TBB ? "TBB" : "runtime " + v.cpu_runtime();
        return "oneDNN " + v.major() + "." + v.minor() + "." + v.patch() + " (" + v.hash().getString() + "), CPU "
                + runtime + ", ISA " + isaName(dnnl_get_effective_cpu_isa());
    }

    private static String isaName(int isa) {
        if (isa == dnnl_cpu_isa_avx512_core) {
            return "avx512_core";
        } else if (isa == dnnl_cpu_isa_avx2) {
            return "avx2";
        } else if (isa == dnnl_cpu_isa_avx) {
            return "avx";
        } else if (isa == dnnl_cpu_isa_sse41) {
            return "sse41";
        }
        return "isa " + isa;
    }

    /**
     * Sets this thread's OpenMP thread count to 1 (see {@link #threads}). Needed both before creating primitives
     * (oneDNN's jit kernels fix their thread split when created: created at the default count, they run OpenMP
     * workers even when called from a single-threaded caller, measured) and before executing them.
     */
    public static void singleThreaded() {
        threads(1);
    }

    /**
     * Sets the calling thread's OpenMP thread count, which oneDNN reads when it creates a primitive (and fixes its
     * split of the work then) and when it runs one; calls the native setter only when the count changes.
     */
    static void threads(int count) {
        int[] current = THREADS.get();
        if (current[0] != count) {
            OMP_SET_NUM_THREADS.invoke(new Object[] {count});
            current[0] = count;
        }
    }

    /** A function of the OpenMP runtime oneDNN runs on (e.g. for {@link OpenMpTeam}). */
    static Function openMp(String name) {
        return OPEN_MP.getFunction(name);
    }

    /** Forgets the calling thread's count (see {@link #threads}): the next call sets it whatever it was. */
    static void forgetThreads() {
        THREADS.get()[0] = 0;
    }

    public static long[] dims(dnnl_memory_desc_t md) {
        long[] dims = new long[md.ndims()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = md.dims().get(i);
        }
        return dims;
    }

    public static dnnl_memory_desc_t desc(long[] dims, int tag) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(md, dims.length, dims, dnnl_f32, tag), "memory desc");
        return md;
    }

    public static dnnl_primitive_desc primitiveDesc(dnnl_convolution_desc_t op, dnnl_primitive_desc hint) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(op), null, ENGINE, hint), "primitive desc");
        return pd;
    }

    /** A native array of (argument kind, memory) pairs, from alternating int and dnnl_memory values. */
    public static dnnl_exec_arg_t args(Object... kindsAndMemories) {
        int count = kindsAndMemories.length / 2;
        dnnl_exec_arg_t args = new dnnl_exec_arg_t(count);
        for (int i = 0; i < count; i++) {
            args.position(i).arg((Integer) kindsAndMemories[2 * i]).memory((dnnl_memory) kindsAndMemories[2 * i + 1]);
        }
        return args.position(0);
    }

    public static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
        }
    }

    private OneDnnRuntime() {
    }
}
