package org.metalearn.learn;

import org.metalearn.util.UserError;

/**
 * A checkpoint file that cannot be resumed: missing, truncated, damaged, of another format version or of another
 * run ({@link CheckpointMismatchException}). The message names the file and what is wrong, for the user to act on.
 */
public class CheckpointException extends IllegalArgumentException implements UserError {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
