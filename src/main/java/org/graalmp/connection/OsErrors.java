package org.graalmp.connection;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import org.graalmp.ipc.Reply;

/**
 * Turns the JDK's socket failures into the {@code OSError} (or subclass) CPython raises for the
 * same errno, as a {@link Reply}. The JDK reports the C library's text ("Connection refused"),
 * which is how the errno is recovered.
 */
public final class OsErrors {

    /** An errno as CPython reports it: its number, exception type and text. */
    private record Errno(int number, String type, String text) {
    }

    // Linux numbers and texts, keyed by the JDK's text for the same failure.
    private static final Map<String, Errno> BY_JDK_TEXT = Map.ofEntries(
            errno("Broken pipe", 32, "BrokenPipeError", "Broken pipe"),
            errno("Connection reset", 104, "ConnectionResetError", "Connection reset by peer"),
            errno("Connection reset by peer", 104, "ConnectionResetError", "Connection reset by peer"),
            errno("Connection refused", 111, "ConnectionRefusedError", "Connection refused"),
            errno("No such file or directory", 2, "FileNotFoundError", "No such file or directory"),
            errno("Permission denied", 13, "PermissionError", "Permission denied"),
            errno("Address already in use", 98, "OSError", "Address already in use"),
            errno("Cannot assign requested address", 99, "OSError", "Cannot assign requested address"),
            errno("Network is unreachable", 101, "OSError", "Network is unreachable"),
            errno("Connection timed out", 110, "TimeoutError", "Connection timed out"),
            errno("No route to host", 113, "OSError", "No route to host"));

    private OsErrors() {
    }

    public static Reply of(IOException e) {
        if (e instanceof ClosedChannelException) {
            return Reply.error("OSError", "handle is closed");
        }
        if (e instanceof InterruptedIOException) {
            return Reply.error("InterruptedError", "[Errno 4] Interrupted system call");
        }
        if (e instanceof UnknownHostException) {  // CPython: socket.gaierror, an OSError
            return Reply.error("OSError", "[Errno -2] Name or service not known");
        }
        String text = e.getMessage() == null ? "" : e.getMessage();
        if (text.equals("Unix domain path too long")) {
            return Reply.error("OSError", "AF_UNIX path too long");
        }
        Errno errno = BY_JDK_TEXT.get(text);
        if (errno == null) {
            return Reply.error("OSError", text.isEmpty() ? e.toString() : text);
        }
        return Reply.error(errno.type(), "[Errno " + errno.number() + "] " + errno.text());
    }

    private static Map.Entry<String, Errno> errno(String jdkText, int number, String type, String text) {
        return Map.entry(jdkText, new Errno(number, type, text));
    }
}
