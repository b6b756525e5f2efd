package org.graalmp.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.graalmp.ipc.Reply;

/**
 * {@code os.kill}: GraalPy's own signals only its subprocesses, so {@code os.kill(p.pid, SIGTERM)}
 * on a graalmp child (a JVM started from Java) and {@code os.kill(os.getpid(), SIGKILL)} raised
 * ProcessLookupError. Failures are CPython's: ProcessLookupError, PermissionError, and
 * OSError(EINVAL) for a signal Linux does not have.
 */
final class ProcessSignals {

    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;
    /** SIGRTMAX on Linux. */
    private static final int HIGHEST_SIGNAL = 64;

    private ProcessSignals() {
    }

    static Reply send(long pid, int signal) throws InterruptedException {
        if (signal < 0 || signal > HIGHEST_SIGNAL) {
            return errno(22, "OSError", "Invalid argument");
        }
        if (pid <= 0 || pid == ProcessHandle.current().pid()) {
            // a process group, every process, or this JVM (which ProcessHandle will not destroy)
            return withKillCommand(pid, signal);
        }
        Optional<ProcessHandle> target = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (target.isEmpty()) {
            return noSuchProcess();
        }
        return switch (signal) {
            case 0 -> Reply.ok(null);
            case SIGTERM -> requested(target.get(), target.get().destroy());
            case SIGKILL -> requested(target.get(), target.get().destroyForcibly());
            default -> withKillCommand(pid, signal); // the JDK sends no other signal
        };
    }

    /** The JDK says only whether kill(2) failed: a process still there refused it. */
    private static Reply requested(ProcessHandle target, boolean sent) {
        if (sent) {
            return Reply.ok(null);
        }
        return target.isAlive() ? errno(1, "PermissionError", "Operation not permitted") : noSuchProcess();
    }

    /** procps' {@code kill}, which reports a failure in the C library's words on stderr. */
    private static Reply withKillCommand(long pid, int signal) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder(List.of("kill", "-" + signal, "--", Long.toString(pid)))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String complaint = new String(kill.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() == 0) {
                return Reply.ok(null);
            }
            if (complaint.contains("No such process")) {
                return noSuchProcess();
            }
            if (complaint.contains("Operation not permitted")) {
                return errno(1, "PermissionError", "Operation not permitted");
            }
            return Reply.error("OSError", complaint.strip());
        } catch (IOException e) {
            return Reply.error("OSError", "cannot send signal " + signal + ": " + e.getMessage());
        }
    }

    private static Reply noSuchProcess() {
        return errno(3, "ProcessLookupError", "No such process");
    }

    private static Reply errno(int number, String type, String text) {
        return Reply.error(type, "[Errno " + number + "] " + text);
    }
}
