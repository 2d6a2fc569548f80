package org.metalearn.models;

/**
 * Lending idle cores to a task: the one rule by which a meta-batch gives a task more than its own core, and what a
 * {@link Learner} may do with them ({@link Learner#lendCores}). The engine runs one task per core; where a round of
 * the meta-batch has fewer tasks than workers (meta-batch 5 on 2 cores: the fifth task), or tasks run one after
 * another, the idle cores are lent to the running task. A learner takes them up only where its results stay
 * bit-identical (the oneDNN nets, {@code models.onednn}); the others ignore them, so a caller may lend whatever is
 * idle without changing results.
 *
 * <p>A computation lent cores runs on a thread of its own that the caller keeps for it (the library's workers give
 * each worker index one fixed thread, and {@code Workers.ownThread} one for tasks in sequence): a native backend keeps
 * helper threads per calling thread, which must not pile up across threads. Why, with measurements:
 * docs/design/models.md#lending-cores.
 */
public final class CoreLending {
    private CoreLending() {
    }

    /**
     * Cores for task {@code t} of {@code n} on {@code w} workers: 1, except in a last round with fewer tasks than
     * workers, whose tasks share the idle workers' cores (meta-batch 5 on 2 workers: the fifth task gets both).
     */
    public static int coresFor(int t, int n, int w) {
        int roundStart = t / w * w;
        return w / Math.min(w, n - roundStart);
    }

    /** Refuses a count below one, naming the field. */
    public static void check(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, got " + cores);
        }
    }
}
