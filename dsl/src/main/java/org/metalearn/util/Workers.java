package org.metalearn.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The one thread pool of the library (parallel tasks of a meta-batch, parallel evaluation): {@code threads}
 * daemon threads, one per worker index; {@link #each} runs a body once per worker index, each index on its own
 * thread every time, and returns when all are done. A failure in
 * any worker reaches the caller as itself (runtime exceptions and errors unchanged), the others are cancelled.
 *
 * <p>Cancellation (a notebook's Stop button interrupts the cell's thread): if the caller is interrupted while it
 * waits, every worker is interrupted too and {@link #each} returns only once no body is running any more, then
 * throws a {@link CancellationException} with the caller's interrupt status still set. Bodies stop early by
 * calling {@link #checkInterrupted} between units of work; so no worker keeps computing after the caller left.
 */
public final class Workers implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final int threads;
    // One thread per worker index, so worker w always runs on the same thread: native libraries keep per-thread
    // state (why it matters: models.CoreLending).
    private final ExecutorService[] pool;

    public Workers(String name, int threads) {
        this(name, threads, false);
    }

    /**
     * As above; with {@code ownThreads} even a single worker runs on a thread of its own rather than the caller's
     * (for native work that leaves per-thread state behind, see {@link #ownThread}).
     */
    private Workers(String name, int threads, boolean ownThreads) {
        if (threads < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + threads);
        }
        this.threads = threads;
        int id = POOLS.incrementAndGet();
        pool = threads == 1 && !ownThreads ? null : new ExecutorService[threads];
        for (int w = 0; pool != null && w < threads; w++) {
            String thread = "metalearn-" + name + "-" + id + "-" + (w + 1);
            pool[w] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, thread);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /**
     * One worker on a thread of its own, ended by {@link #close()}: for native work that leaves per-thread state
     * behind until its thread ends (computations lent cores, see models.CoreLending), so that it does not stay on a
     * long-lived caller such as a notebook's cell thread.
     */
    public static Workers ownThread(String name) {
        return new Workers(name, 1, true);
    }

    public int threads() {
        return threads;
    }

    /**
     * Throws a {@link CancellationException} naming {@code what} if the current thread was interrupted; its
     * interrupt status stays set, so enclosing loops and waits see it too.
     */
    public static void checkInterrupted(String what) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException(what + " interrupted");
        }
    }

    /** Runs {@code body.accept(w)} for every worker w in [0, threads), in parallel; one worker runs inline. */
    public void each(IntConsumer body) {
        if (pool == null) {
            body.accept(0);
            return;
        }
        Running running = new Running();
        List<Future<?>> futures = new ArrayList<>(threads);
        for (int w = 0; w < threads; w++) {
            int worker = w;
            futures.add(pool[w].submit(() -> running.run(() -> body.accept(worker))));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            stop(futures, running);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for " + threads + " workers");
        } catch (ExecutionException e) {
            stop(futures, running);
            throw rethrown(e);
        }
    }

    /**
     * Runs {@code body} on worker 0 and waits for its end even if the caller is interrupted meanwhile (the interrupt
     * status is then set again on return): for work that must not stop halfway, such as the tasks of one
     * meta-iteration in sequence, which move the optimizer's state as they go.
     */
    public void runWhole(Runnable body) {
        if (pool == null) {
            body.run();
            return;
        }
        Future<?> future = pool[0].submit(body);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    future.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrown(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A worker's failure as itself (runtime exceptions and errors unchanged). */
    private static RuntimeException rethrown(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }

    /** Interrupts the workers and waits until none still runs a body (a cancelled Future says nothing of that). */
    private static void stop(List<Future<?>> futures, Running running) {
        running.refuseNew();
        futures.forEach(f -> f.cancel(true));
        running.awaitNone();
    }

    /** Counts the bodies in progress; once refused, bodies that had not started yet do not start. */
    private static final class Running {
        private int active;
        private boolean refused;

        void run(Runnable body) {
            synchronized (this) {
                if (refused) {
                    return;
                }
                active++;
            }
            try {
                body.run();
            } finally {
                synchronized (this) {
                    active--;
                    notifyAll();
                }
            }
        }

        synchronized void refuseNew() {
            refused = true;
        }

        /** Waits even if interrupted again: leaving while a body runs would leave a worker computing. */
        synchronized void awaitNone() {
            boolean interrupted = false;
            while (active > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code body} on {@code threads} workers in a pool of its own, closed afterwards. */
    public static void run(String name, int threads, IntConsumer body) {
        try (Workers workers = new Workers(name, threads)) {
            workers.each(body);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            for (ExecutorService p : pool) {
                p.shutdownNow();
            }
        }
    }
}
