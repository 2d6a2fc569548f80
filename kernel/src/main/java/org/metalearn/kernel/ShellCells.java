package org.metalearn.kernel;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Which execute request the shell is running, if any, as a number that is never reused. The Stop button's
 * escalation acts only while the cell it was pressed for still runs: the executor's threads are pooled, so "the
 * thread is still inside a cell" may already mean the next cell (measured: a Stop followed at once by a new cell
 * had that new cell cancelled 0.8 s later).
 */
final class ShellCells {
    private final AtomicLong numbers = new AtomicLong();
    private volatile long running;

    /** Called by the shell's execute handler before it runs a cell. */
    void started() {
        running = numbers.incrementAndGet();
    }

    /** Called by the shell's execute handler once the cell's reply is sent. */
    void ended() {
        running = 0;
    }

    /** The running cell's number, 0 when the shell runs none. */
    long running() {
        return running;
    }
}
