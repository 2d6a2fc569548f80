package org.metalearn.learn;

/**
 * Where first-order MAML's final mini-batch comes from (docs/paper.md#first-order-maml-in-the-official-code): the same cycling pool
 * as the earlier steps (shared) or {@code perClass} samples of every class held out before the inner
 * loop (separate; the final step uses the whole tail, whatever the inner batch size).
 */
public record Tail(int perClass) {
    private static final Tail SHARED = new Tail(0);

    public Tail {
        if (perClass < 0) {
            throw new IllegalArgumentException("tail must be >= 0 samples per class (0 = shared), got " + perClass);
        }
    }

    public static Tail shared() {
        return SHARED;
    }

    public static Tail separate(int perClass) {
        if (perClass < 1) {
            throw new IllegalArgumentException("separate tail must hold out >= 1 sample per class, got " + perClass);
        }
        return new Tail(perClass);
    }

    public boolean isShared() {
        return perClass == 0;
    }

    @Override
    public String toString() {
        return isShared() ? "shared" : "separate(" + perClass + ")";
    }
}
