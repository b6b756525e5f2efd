package org.graalmp.process;

/**
 * Turns a child JVM's OS exit status into CPython's {@code Process.exitcode}.
 *
 * <p>A JVM never dies "by signal" as seen by {@code waitpid} when it handles SIGTERM: it runs
 * its shutdown and exits with status 128+15. Java reports a child killed outright (SIGKILL)
 * as 128+9 too. Statuses 129..192 are therefore read as death by signal, which CPython shows
 * as the negated signal number. A Python child that calls {@code sys.exit(n)} with n in that
 * range is indistinguishable and reads as a signal as well.
 */
public final class ExitStatus {

    private static final int SIGNAL_BASE = 128;
    private static final int HIGHEST_SIGNAL = 64;

    private ExitStatus() {
    }

    public static int toExitCode(int osStatus) {
        if (osStatus > SIGNAL_BASE && osStatus <= SIGNAL_BASE + HIGHEST_SIGNAL) {
            return -(osStatus - SIGNAL_BASE);
        }
        return osStatus;
    }
}
