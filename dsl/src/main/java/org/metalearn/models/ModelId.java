package org.metalearn.models;

import java.util.Locale;

/**
 * A model's identity: its architecture, the backend that computes it and its variant (a conv net's ways, e.g.
 * {@code 5-way}; the sine MLP's activation, e.g. {@code tanh}); or, for a model the library does not know, just the
 * name its author gave it ({@link #custom}, backend null). Checkpoints store it as text, {@code "omniglot-conv lean
 * 5-way"}: {@link #toString()} prints exactly that and {@link #parse} reads it back, so checkpoints written before
 * this record existed still resume (a resume compares identities, so the text must not change).
 */
public record ModelId(String architecture, Backend backend, String variant) {
    public ModelId {
        if (architecture == null || architecture.isBlank()) {
            throw new IllegalArgumentException("architecture must be a non-blank name, got '" + architecture + "'");
        }
        if (backend != null && (variant == null || variant.isBlank() || variant.contains(" ")
                || architecture.contains(" "))) {
            throw new IllegalArgumentException("a library model's architecture and variant must be single words, got '"
                    + architecture + "' and '" + variant + "'");
        }
        if (backend == null && variant != null) {
            throw new IllegalArgumentException("a custom model has a name only, got variant '" + variant + "'");
        }
    }

    /** An N-way conv net of {@code architecture} (e.g. {@code omniglot-conv}) on {@code backend}. */
    public static ModelId conv(String architecture, Backend backend, int ways) {
        return new ModelId(architecture, backend, ways + "-way");
    }

    /** A dense net of {@code architecture} (e.g. {@code sine-mlp}) with {@code activation}, on {@code backend}. */
    public static ModelId dense(String architecture, Backend backend, Activation activation) {
        return new ModelId(architecture, backend, activation.name().toLowerCase(Locale.ROOT));
    }

    /** A model known only by its author's name (a lambda is {@code custom}). */
    public static ModelId custom(String name) {
        return new ModelId(name, null, null);
    }

    /**
     * The identity a checkpoint stored: three words whose middle one is a backend's label are a library model, any
     * other text a custom one; {@code parse(id.toString())} equals {@code id} for every library model.
     */
    public static ModelId parse(String text) {
        String[] words = text.split(" ", -1);
        Backend backend = words.length == 3 ? Backend.ofLabel(words[1]) : null;
        if (backend != null && !words[0].isEmpty() && !words[2].isEmpty()) {
            return new ModelId(words[0], backend, words[2]);
        }
        return custom(text);
    }

    /** The same model on {@code other}. */
    public ModelId on(Backend other) {
        if (backend == null) {
            throw new IllegalStateException("custom model '" + architecture + "' has no backend to change");
        }
        return new ModelId(architecture, other, variant);
    }

    /** Whether {@code other} is this model computed by another backend. */
    public boolean sameModelOtherBackend(ModelId other) {
        return backend != null && other.backend != null && backend != other.backend
                && architecture.equals(other.architecture) && variant.equals(other.variant);
    }

    /** The stored form: {@code architecture backend variant}, or a custom model's name. */
    @Override
    public String toString() {
        return backend == null ? architecture : architecture + " " + backend.label() + " " + variant;
    }
}
