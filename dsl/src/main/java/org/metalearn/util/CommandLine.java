package org.metalearn.util;

import java.io.PrintStream;

/**
 * What the command-line mains ({@code ./metalearn figure1|table2|bench}) share: reading option values, and one way to
 * report a bad option. A {@link UsageException} prints as {@code metalearn COMMAND: message} on stderr with exit
 * status 2, like other command-line tools, instead of a Java stack trace; every other exception still propagates
 * with its trace, since it is a failure of the run rather than of its command line.
 */
public final class CommandLine {
    private CommandLine() {
    }

    /** A bad option or option value; the message names the option and what is allowed. */
    public static final class UsageException extends IllegalArgumentException {
        public UsageException(String message) {
            super(message);
        }
    }

    /** The body of a main, which throws {@link UsageException} for a bad command line. */
    @FunctionalInterface
    public interface Body {
        void run(String[] args) throws Exception;
    }

    /** Runs {@code body}; on a bad command line prints its one-line message and exits with status 2. */
    public static void main(String command, String[] args, Body body) throws Exception {
        int status = run(command, args, body, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs {@code body}: 0 when it returns, 2 (after printing the message to {@code err}) on a bad command line. */
    public static int run(String command, String[] args, Body body, PrintStream err) throws Exception {
        try {
            body.run(args);
            return 0;
        } catch (UsageException e) {
            err.println("metalearn " + command + ": " + e.getMessage());
            return 2;
        }
    }

    /** The value after option {@code args[i - 1]}, which must be there and must not be another option. */
    public static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** The whole number after option {@code args[i - 1]}, in {@code min..max}. */
    public static long whole(String[] args, int i, String option, long min, long max) {
        String v = value(args, i, option);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number in " + min + ".." + max + ", got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(option + " must be in " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    /** Runs a check that reports a bad value as {@link IllegalArgumentException}, as a command-line error. */
    public static void check(Runnable validation) {
        try {
            validation.run();
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
