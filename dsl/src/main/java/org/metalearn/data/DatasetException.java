package org.metalearn.data;

import org.metalearn.util.UserError;

/** A data set is missing, damaged or not what it should be; the message says which file and what to do. */
public final class DatasetException extends RuntimeException implements UserError {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
