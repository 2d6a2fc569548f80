package org.metalearn.kernel;

import java.lang.reflect.Field;
import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.LoopThread;

/**
 * The channels' loop threads, started so that they run. rapaio 3.0.1's {@code LoopThread.start()} starts the
 * thread and only then sets its {@code running} flag; a thread that checks the flag before that ends at once, and
 * its channel is left without a loop: a shell that never answers, a control socket whose Stop is never read
 * (measured here: the shell in 3 of 14 kernel starts, the control loop in about 1 session in 5; a jstack of such a
 * kernel has no loop thread for the channel). Loops we create are started with the flag already set
 * ({@link #start}); loops rapaio's {@code bind()} started are checked and, if they ended at birth, replaced by an
 * equal loop ({@link #keepAlive}).
 */
final class LoopThreads {
    /** How long a loop that is neither waiting nor ended may stay undecided before it counts as running. */
    private static final long DECIDE_MILLIS = 5_000;

    private LoopThreads() {
    }

    /** Starts a loop thread that cannot end at birth: its running flag is set before the thread starts. */
    static void start(LoopThread loop) {
        try {
            RapaioFields.field(LoopThread.class, "running").setBoolean(loop, true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("rapaio's LoopThread changed: " + e, e);
        }
        loop.start();
    }

    /**
     * After {@code channel.bind()}: waits until its loop either runs (it has waited or slept at least once; a loop
     * that ended at birth never waits) or has ended; an ended loop is replaced by a new one with the same name, pause
     * and body, started with {@link #start}. Returns true if it replaced the loop.
     */
    static boolean keepAlive(AbstractChannel channel) {
        try {
            Field loopField = RapaioFields.field(channel.getClass(), "loopThread");
            LoopThread loop = (LoopThread) loopField.get(channel);
            long until = System.currentTimeMillis() + DECIDE_MILLIS;
            while (System.currentTimeMillis() < until) {
                switch (loop.getState()) {
                    case WAITING, TIMED_WAITING, BLOCKED:
                        return false;
                    case TERMINATED:
                        LoopThread fresh = new LoopThread(loop.getName(), RapaioFields.field(LoopThread.class, "sleep").getLong(loop),
                                (Runnable) RapaioFields.field(LoopThread.class, "loopBody").get(loop));
                        loopField.set(channel, fresh);
                        start(fresh);
                        System.err.println("[metalearn launcher] " + loop.getName() + " ended at birth; restarted");
                        return true;
                    default:
                        Thread.onSpinWait();
                }
            }
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("rapaio's channels changed: " + e, e);
        }
    }

    /**
     * After {@code channel.bind()}: replaces its loop by one that drops a message with a wrong or missing signature
     * and goes on. rapaio 3.0.1's {@code readMessage} throws a SecurityException for such a message (after reading
     * all its frames) and the loop thread ends there, so one forged request from any local process left the
     * shell deaf to its real client. The old loop is stopped and joined before the new one starts: a ZeroMQ
     * socket is used by one thread at a time.
     */
    static void dropForgedMessages(AbstractChannel channel) {
        try {
            Field loopField = RapaioFields.field(channel.getClass(), "loopThread");
            LoopThread loop = (LoopThread) loopField.get(channel);
            loop.shutdown();
            loop.join();
            Runnable body = (Runnable) RapaioFields.field(LoopThread.class, "loopBody").get(loop);
            String name = loop.getName();
            LoopThread guarded = new LoopThread(name, RapaioFields.field(LoopThread.class, "sleep").getLong(loop),
                    () -> {
                        try {
                            body.run();
                        } catch (SecurityException e) {
                            System.err.println("[metalearn kernel] " + name + ": dropped a message with a wrong or "
                                    + "missing signature (" + e.getMessage() + ")");
                        }
                    });
            loopField.set(channel, guarded);
            start(guarded);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("rapaio's channels changed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the kernel's channels", e);
        }
    }
}
