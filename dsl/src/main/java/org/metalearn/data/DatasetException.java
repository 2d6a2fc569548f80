package org.metalearn.data;

/** A data set is missing, damaged or not what it should be; the message says which file and what to do. */
public final class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
