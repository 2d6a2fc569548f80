package org.metalearn.models;

/**
 * How a model is computed, as its identity names it ({@link ModelId}): each backend is a subpackage of
 * {@code models}. The labels are the words stored in checkpoints and must not change.
 */
public enum Backend {
    /** Plain Java loops on float arrays, OpenBLAS for the convolutions' products ({@code models.lean}). */
    LEAN("lean"),
    /** oneDNN's primitives for the conv blocks ({@code models.onednn}). */
    ONEDNN("onednn"),
    /** DL4J's layers: the reference the others are tested against ({@code models.dl4j}). */
    DL4J("dl4j");

    private final String label;

    Backend(String label) {
        this.label = label;
    }

    /** The word in a model's identity, e.g. {@code lean}. */
    public String label() {
        return label;
    }

    /** The backend whose label is {@code word}, or null. */
    static Backend ofLabel(String word) {
        for (Backend b : values()) {
            if (b.label.equals(word)) {
                return b;
            }
        }
        return null;
    }
}
