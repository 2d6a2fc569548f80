package org.metalearn.learn;

/**
 * {@link Checkpoint#load} refusing a checkpoint whose bytes fail their checksum. The message names the file, the
 * damaged section and what to do; the section is kept so that a caller or test can tell which part failed.
 */
public final class CheckpointDamagedException extends IllegalArgumentException {
    private final String section;

    CheckpointDamagedException(String message, String section) {
        super(message);
        this.section = section;
    }

    /** The damaged section, e.g. {@code "parameters"}, {@code "header"} or {@code "table of contents"}. */
    public String section() {
        return section;
    }
}
