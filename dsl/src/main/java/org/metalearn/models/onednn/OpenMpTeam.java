package org.metalearn.models.onednn;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Runs Java code on the calling thread's OpenMP team, the threads oneDNN itself runs on (through libgomp's
 * {@code GOMP_parallel}, the call a {@code #pragma omp parallel} compiles to), rather than on the library's thread
 * pool: on the team, the thread that would spin-wait after a oneDNN call runs the work instead of taking a core from
 * it (measured: docs/design/models.md#openmp).
 *
 * <p>Inside the region a oneDNN primitive runs on its caller's thread only (oneDNN does not nest OpenMP regions), so
 * each index's work is the single-threaded computation, whichever thread runs it.
 */
final class OpenMpTeam {
    /** libgomp's outlined-function type: {@code void fn(void *data)}. */
    private interface Body extends Callback {
        void invoke(Pointer data);
    }

    /** A region's work: the body and its first failure. */
    private static final class Job {
        final int count;
        final IntConsumer body;
        Throwable failure;

        Job(int count, IntConsumer body) {
            this.count = count;
            this.body = body;
        }

        void run() {
            int threads = NUM_THREADS.invokeInt(new Object[0]);
            for (int i = THREAD_NUM.invokeInt(new Object[0]); i < count; i += threads) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    synchronized (this) {
                        if (failure == null) {
                            failure = t;
                        }
                    }
                }
            }
        }
    }

    private static final Function PARALLEL = OneDnnRuntime.openMp("GOMP_parallel");
    private static final Function THREAD_NUM = OneDnnRuntime.openMp("omp_get_thread_num");
    private static final Function NUM_THREADS = OneDnnRuntime.openMp("omp_get_num_threads");
    private static final AtomicLong IDS = new AtomicLong();
    private static final Map<Long, Job> JOBS = new ConcurrentHashMap<>();
    // one native entry point for every region (JNA makes a native stub per callback object): the data pointer's
    // value names the job
    private static final Body ENTRY = data -> JOBS.get(Pointer.nativeValue(data)).run();

    static {
        // OpenMP's own threads stay attached to the JVM between regions (attaching costs more than a region)
        Native.setCallbackThreadInitializer(ENTRY, new CallbackThreadInitializer(true, false, "metalearn-openmp"));
    }

    private OpenMpTeam() {
    }

    /**
     * Runs {@code body.accept(i)} for every i in [0, count) on {@code count} OpenMP threads (the caller is thread 0),
     * and returns when all are done; a body's exception reaches the caller. If the team has fewer threads than asked
     * (OpenMP may give fewer), each thread runs the indices i, i + threads, ...
     */
    static void run(int count, IntConsumer body) {
        long id = IDS.incrementAndGet();
        Job job = new Job(count, body);
        JOBS.put(id, job);
        try {
            PARALLEL.invokeVoid(new Object[] {ENTRY, new Pointer(id), count, 0});
        } finally {
            JOBS.remove(id);
            OneDnnRuntime.forgetThreads(); // the bodies' omp_set_num_threads calls may have left the cache stale
        }
        if (job.failure instanceof RuntimeException e) {
            throw e;
        }
        if (job.failure instanceof Error e) {
            throw e;
        }
        if (job.failure != null) {
            throw new IllegalStateException(job.failure);
        }
    }
}
