package org.metalearn.dsl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;

/**
 * What the workers of a halving search share: the {@link AshaScheduler}, its journal and the rung results. A free
 * worker {@link #take}s the next decision (waiting only while there is none and some run is still training) and
 * reports the rung's row with {@link #completed}; every decision and result is journalled before it takes effect.
 * Made from a journal, it first replays it: the same completions in the same order give the same decisions (a
 * replayed decision that differs means the journal is of another search and fails), and the decisions whose
 * results are missing (runs cut off by a stop or kill) are handed out again first.
 */
final class SearchCoordinator {
    private final AshaScheduler scheduler;
    private final SearchJournal journal;
    private final Deque<AshaScheduler.Decision> replayed = new ArrayDeque<>();
    private final SweepRow[][] rows;
    private boolean failed;

    SearchCoordinator(int[] levels, int eta, SearchJournal journal) {
        this.scheduler = new AshaScheduler(levels, eta);
        this.journal = journal;
        this.rows = new SweepRow[levels.length][];
        for (int r = 0; r < levels.length; r++) {
            rows[r] = new SweepRow[levels[r]];
        }
        for (SearchJournal.Event e : journal.events()) {
            AshaScheduler.Decision logged = new AshaScheduler.Decision(e.run(), e.level());
            if (e.started()) {
                AshaScheduler.Decision d = scheduler.next();
                if (!logged.equals(d)) {
                    throw new IllegalStateException("halving: the journal " + journal.file() + " sends run "
                            + e.run() + " to rung " + (e.level() + 1) + " where this search decides " + d
                            + "; delete it to start the search again");
                }
                replayed.addLast(d);
            } else {
                if (!replayed.remove(logged)) {
                    throw new IllegalStateException("halving: the journal " + journal.file() + " has a result of run "
                            + e.run() + " at rung " + (e.level() + 1) + " it never started");
                }
                record(logged, e.row());
            }
        }
    }

    /** The score the scheduler ranks by: accuracy (classification) or minus the evaluation loss (regression). */
    static double score(SweepRow row) {
        return Double.isNaN(row.accuracy()) ? -row.evalLoss() : row.accuracy();
    }

    /** A decision to carry out now, counted as running, or null if there is none now. */
    synchronized AshaScheduler.Decision poll() {
        AshaScheduler.Decision d = replayed.pollFirst();
        if (d != null) {
            return d;
        }
        d = scheduler.next();
        if (d != null) {
            journal.started(d.run(), d.level());
        }
        return d;
    }

    /** Whether {@link #poll} would hand out a decision now (nothing changes). */
    synchronized boolean available() {
        return !replayed.isEmpty() || scheduler.peek() != null;
    }

    /**
     * The next decision, waiting while there is none but runs are training; null once the search is over or a rung
     * failed.
     */
    synchronized AshaScheduler.Decision take() {
        while (!failed) {
            AshaScheduler.Decision d = poll();
            if (d != null || scheduler.running() == 0) {
                return d;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("halving search interrupted");
            }
        }
        return null;
    }

    /**
     * A rung failed: no decision is handed out any more, so the other workers end after their rung in progress
     * instead of waiting for the failed one; wakes the waiting workers.
     */
    synchronized void failed() {
        failed = true;
        notifyAll();
    }

    /** The row of a decision carried out; wakes the waiting workers. */
    synchronized void completed(AshaScheduler.Decision d, SweepRow row) {
        journal.done(d.run(), d.level(), row);
        record(d, row);
        notifyAll();
    }

    private void record(AshaScheduler.Decision d, SweepRow row) {
        scheduler.completed(d.run(), d.level(), score(row));
        rows[d.run()][d.level()] = row;
    }

    synchronized AshaScheduler scheduler() {
        return scheduler;
    }

    /** The row of run {@code run} at rung {@code level}, null if it did not get there. */
    synchronized SweepRow row(int run, int level) {
        return rows[run][level];
    }

    synchronized SearchJournal journal() {
        return journal;
    }
}
