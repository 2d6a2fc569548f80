package org.metalearn.util;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the command-line mains ({@code ./metalearn figure1|table2|bench}) share: reading option values, checking the
 * output folder, and one way to report what the user can fix. A {@link UserError} (a bad option, a missing or damaged
 * data set, a checkpoint of another run) or an I/O error (an unwritable folder, a full disk) prints as one line
 * {@code metalearn COMMAND: message} on stderr with exit status 2, like other command-line tools, instead of a Java
 * stack trace; every other exception still propagates with its trace, since it is a bug rather than the user's to
 * fix.
 */
public final class CommandLine {
    private CommandLine() {
    }

    /** A bad option or option value; the message names the option and what is allowed. */
    public static final class UsageException extends IllegalArgumentException implements UserError {
        public UsageException(String message) {
            super(message);
        }
    }

    /** The body of a main, which throws {@link UsageException} for a bad command line. */
    @FunctionalInterface
    public interface Body {
        void run(String[] args) throws Exception;
    }

    /** Runs {@code body}; on an error the user can fix prints its one-line message and exits with status 2. */
    public static void main(String command, String[] args, Body body) throws Exception {
        int status = run(command, args, body, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs {@code body}: 0 when it returns, 2 (after printing the message to {@code err} as one line) on an error the
     * user can fix ({@link #userMessage}); any other exception propagates.
     */
    public static int run(String command, String[] args, Body body, PrintStream err) throws Exception {
        try {
            body.run(args);
            return 0;
        } catch (Exception e) {
            Optional<String> message = userMessage(e);
            if (message.isEmpty()) {
                throw e;
            }
            err.println("metalearn " + command + ": " + message.get());
            return 2;
        }
    }

    /**
     * The one-line message of an error the user can fix: a {@link UserError} (also as the cause of another
     * exception, e.g. one a worker thread threw) or an I/O error; empty for anything else.
     */
    static Optional<String> userMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UserError) {
                return Optional.of(oneLine(t.getMessage()));
            }
        }
        if (e instanceof UncheckedIOException u) {
            // wrapped without a message of its own: the cause says what happened
            boolean bare = u.getMessage() == null || u.getMessage().equals(String.valueOf(u.getCause()));
            return Optional.of(bare ? describe(u.getCause()) : oneLine(u.getMessage()));
        }
        if (e instanceof IOException io) {
            return Optional.of(describe(io));
        }
        return Optional.empty();
    }

    /** A message's lines joined into one: list items with "; ", sentences with ". " where no punctuation ends them. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        StringBuilder out = new StringBuilder();
        for (String line : message.strip().split("\\R")) {
            String s = line.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                char last = out.charAt(out.length() - 1);
                boolean punctuated = last == ':' || last == '.' || last == ';' || last == ',';
                out.append(punctuated ? " " : Character.isUpperCase(s.charAt(0)) ? ". " : "; ");
            }
            out.append(s);
        }
        return out.toString();
    }

    /** An I/O error as "FILE: what happened", in words rather than as an exception class name. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String reason = f.getReason() != null ? f.getReason()
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or folder"
                    : e instanceof NotDirectoryException ? "not a folder"
                    : e instanceof FileAlreadyExistsException ? "a file is in the way"
                    : e.getClass().getSimpleName();
            return f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + reason;
        }
        return oneLine(e.getMessage() != null ? e.getMessage() : e.toString());
    }

    /**
     * Makes {@code dir} (option {@code option}) a folder this run can write into, checked before any work is done, so
     * a long run never ends unable to save its results.
     */
    public static Path outputFolder(Path dir, String option) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException(option + " " + dir + ": cannot create the folder (" + describe(e) + ")");
        }
        try {
            Files.delete(Files.createTempFile(dir, ".write-check", ".tmp"));
        } catch (IOException e) {
            throw new UsageException(option + " " + dir + ": cannot write into the folder (" + describe(e) + ")");
        }
        return dir;
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
