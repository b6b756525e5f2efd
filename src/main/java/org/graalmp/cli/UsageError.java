package org.graalmp.cli;

/**
 * A command line graalmp cannot run: python3's exit status 2. {@code withUsage} errors are
 * python3's own (worded as python3 words them, followed by the usage line); the others are
 * things python3 does that graalmp does not.
 */
final class UsageError extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean withUsage;

    private UsageError(String message, boolean withUsage) {
        super(message);
        this.withUsage = withUsage;
    }

    /** An error python3 reports too, in python3's words. */
    static UsageError python(String message) {
        return new UsageError(message, true);
    }

    /** Something python3 accepts that graalmp does not support. */
    static UsageError unsupported(String message) {
        return new UsageError(message, false);
    }

    boolean withUsage() {
        return withUsage;
    }
}
