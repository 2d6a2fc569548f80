package org.metalearn.util;

/**
 * Marks an exception whose message is written for the person running the program: a bad option, a missing or
 * damaged data set, a checkpoint of another run. The command line ({@link CommandLine}) prints such a message as
 * one line and exits with status 2, because a stack trace would hide the one thing the user has to do.
 */
public interface UserError {
}
