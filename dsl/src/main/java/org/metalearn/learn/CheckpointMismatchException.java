package org.metalearn.learn;

import java.util.Map;

/**
 * {@link Checkpoint#load} refusing a checkpoint of another run. The message names every differing setting; the two
 * identities are kept so that a caller can add advice about one setting without parsing the message.
 */
public final class CheckpointMismatchException extends CheckpointException {
    private final Map<String, String> saved;
    private final Map<String, String> current;

    CheckpointMismatchException(String message, Map<String, String> saved, Map<String, String> current) {
        super(message);
        this.saved = Map.copyOf(saved);
        this.current = Map.copyOf(current);
    }

    /** The checkpoint's value of {@code key}, or null when it has none. */
    public String saved(String key) {
        return saved.get(key);
    }

    /** This run's value of {@code key}, or null when it has none. */
    public String current(String key) {
        return current.get(key);
    }
}
