package org.metalearn.kernel;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.java.JavaEngine;
import org.rapaio.jupyter.kernel.core.java.RapaioExecutionControl;
import org.rapaio.jupyter.kernel.core.java.RapaioExecutionControlProvider;

/**
 * What the Stop button does in our kernel. rapaio 3.0.1's own interrupt shuts the execution control's executor
 * down (and JShell.stop() does the same), so every later cell fails; and code that ignores interrupts keeps
 * running. Here, in steps, until the cell's thread has ended:
 * <ol>
 * <li>interrupt the thread running the cell: the DSL checks the interrupt status every meta-iteration and
 * evaluation task and ends the cell with its own message ("training interrupted at iteration ...");</li>
 * <li>after {@link #GRACE_MILLIS}, cancel the cell's future: the cell ends as "Execution interrupted";</li>
 * <li>and stop the thread ({@code Thread.stop}, Java 17-19): a {@code while (true) {}} loop ends too.</li>
 * </ol>
 */
final class CellInterrupter {
    /** How long cooperative code gets to stop by itself; the kernel must be idle within 2 s of the request. */
    static final long GRACE_MILLIS = 800;
    private final RapaioKernel kernel;

    CellInterrupter(RapaioKernel kernel) {
        this.kernel = kernel;
    }

    /** How long a Stop pressed while JShell still compiles the cell waits for the cell's code to start. */
    static final long PENDING_MILLIS = 1_000;

    /** Interrupts the running cell, if any; returns at once, the escalation runs on a thread of its own. */
    void interrupt() {
        Thread escalation = new Thread(this::interruptCells, "metalearn-interrupt");
        escalation.setDaemon(true);
        escalation.start();
    }

    private void interruptCells() {
        long until = System.currentTimeMillis() + PENDING_MILLIS;
        List<Thread> cells = runningCells();
        while (cells.isEmpty() && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            cells = runningCells();
        }
        cells.forEach(Thread::interrupt);
        escalate(cells);
    }

    private void escalate(List<Thread> cells) {
        long deadline = System.currentTimeMillis() + GRACE_MILLIS;
        for (Thread t : cells) {
            try {
                t.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                return;
            }
        }
        List<Thread> stubborn = cells.stream().filter(CellInterrupter::runsACell).toList();
        if (stubborn.isEmpty()) {
            return;
        }
        control().interrupt(); // cancels the cells' futures: the shell answers the execute request now
        for (Thread t : stubborn) {
            stop(t);
        }
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread t) {
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            // Java 20+: no way to end code that ignores interrupts; the cell has ended, its thread runs on
            System.err.println("[metalearn kernel] the interrupted cell ignores interrupts and keeps running in "
                    + t.getName() + " (Thread.stop is unsupported on this Java)");
        }
    }

    /** Threads of rapaio's executor that are inside a cell's code right now. */
    static List<Thread> runningCells() {
        List<Thread> cells = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("Engine-thread-") && runsACell(t)) {
                cells.add(t);
            }
        }
        return cells;
    }

    /** Idle pool threads wait in the executor's queue; a cell's thread has the control's invoke lambda on its stack. */
    private static boolean runsACell(Thread t) {
        if (!t.isAlive()) {
            return false;
        }
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals(RapaioExecutionControl.class.getName())
                    && e.getMethodName().startsWith("lambda$execute")) {
                return true;
            }
        }
        return false;
    }

    private RapaioExecutionControl control() {
        try {
            JavaEngine engine = kernel.javaEngine();
            RapaioExecutionControlProvider provider = (RapaioExecutionControlProvider) field(engine, "controlProvider");
            return provider.getRegisteredControl((String) field(engine, "executionId"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("rapaio's JavaEngine changed: " + e, e);
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }
}
