package org.metalearn.kernel;

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
 * <li>if the cell still runs after {@link #GRACE_MILLIS}, stop its thread ({@code Thread.stop}, Java 17-19): a
 * {@code while (true) {}} loop ends too;</li>
 * <li>and if it still runs, cancel the cell's future: the cell ends as "Execution interrupted".</li>
 * </ol>
 * Every step first checks that the cell the Stop was pressed for is still the one running ({@link ShellCells}).
 */
final class CellInterrupter {
    /** How long cooperative code gets to stop by itself; the kernel must be idle within 2 s of the request. */
    static final long GRACE_MILLIS = 800;
    private final RapaioKernel kernel;
    private final ShellCells shell;

    CellInterrupter(RapaioKernel kernel, ShellCells shell) {
        this.kernel = kernel;
        this.shell = shell;
    }

    /** How long a Stop pressed while JShell still compiles the cell waits for the cell's code to start. */
    static final long PENDING_MILLIS = 1_000;
    /** How long a stopped thread's cell gets to end by itself before its future is cancelled. */
    static final long STOP_MILLIS = 300;

    /** Interrupts the running cell, if any; returns at once, the escalation runs on a thread of its own. */
    void interrupt() {
        Thread escalation = new Thread(this::interruptCells, "metalearn-interrupt");
        escalation.setDaemon(true);
        escalation.start();
    }

    private void interruptCells() {
        long cell = shell.running();
        if (cell == 0) {
            return; // Stop pressed while no cell runs
        }
        long until = System.currentTimeMillis() + PENDING_MILLIS;
        List<Thread> threads = runningCells();
        while (threads.isEmpty() && shell.running() == cell && System.currentTimeMillis() < until) {
            if (!pause()) {
                return;
            }
            threads = runningCells();
        }
        if (shell.running() != cell) {
            return;
        }
        threads.forEach(Thread::interrupt);
        escalate(cell, threads);
    }

    private void escalate(long cell, List<Thread> threads) {
        if (!waitForEnd(cell, GRACE_MILLIS)) {
            return;
        }
        for (Thread t : threads) {
            if (shell.running() == cell && runsACell(t)) {
                stop(t);
            }
        }
        if (!waitForEnd(cell, STOP_MILLIS)) {
            return;
        }
        control().interrupt(); // cancels the cell's future: the shell answers the execute request now
    }

    /** Waits up to {@code millis} for the cell to end; true if it still runs. */
    private boolean waitForEnd(long cell, long millis) {
        long until = System.currentTimeMillis() + millis;
        while (shell.running() == cell && System.currentTimeMillis() < until) {
            if (!pause()) {
                return false;
            }
        }
        return shell.running() == cell;
    }

    private static boolean pause() {
        try {
            Thread.sleep(10);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread t) {
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            // Java 20+: no way to end code that ignores interrupts; the cell is cancelled next, its thread runs on
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
            RapaioExecutionControlProvider provider = (RapaioExecutionControlProvider) RapaioFields.get(JavaEngine.class, engine,
                    "controlProvider");
            return provider.getRegisteredControl((String) RapaioFields.get(JavaEngine.class, engine, "executionId"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("rapaio's JavaEngine changed: " + e, e);
        }
    }

}
