package org.graalmp.connection;

import java.util.concurrent.CompletableFuture;
import org.graalmp.ipc.Reply;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One end of a connection as the shim's {@code multiprocessing.connection.Connection} drives it:
 * whole messages of bytes. A pipe end ({@link PipeEndpoint}) and a socket from
 * {@code Listener}/{@code Client} both are one. Failures come back as {@link Reply} errors that
 * name the Python exception ({@code EOFError}, {@code OSError}, {@code BrokenPipeError}).
 */
public interface Endpoint {

    /** Sends one message: a Python bytes-like object, copied in bulk. */
    Reply sendBytes(Value message);

    /**
     * Receives one whole message, blocking until one arrives; {@code EOFError} once the other
     * end is closed everywhere and nothing is left. A message longer than {@code maxLength}
     * (if not negative) is left unread and answered with {@code OSError("bad message length")}.
     */
    Reply recvBytes(long maxLength);

    /** {@link #sendBytes} for the hot path: null once sent, else the failure. */
    @HostAccess.Export
    default Reply send(Value message) {
        Reply reply = sendBytes(message);
        return reply.failed() ? reply : null;
    }

    /** {@link #recvBytes} for the hot path: the message as a latin-1 string (one char per byte), else the failure. */
    @HostAccess.Export
    default Object recv(long maxLength) {
        Reply reply = recvBytes(maxLength);
        return reply.failed() ? reply : reply.bytesValue();
    }

    /** Whether a message (or end of file) is ready, waiting up to the timeout; negative: for ever. */
    Reply poll(double timeoutSeconds);

    /**
     * Completes with {@code true} once {@link #poll} would answer true at once. Cancelling the
     * future stops the wait and frees what it held. For {@code connection.wait} over many objects.
     */
    CompletableFuture<Boolean> whenReadable();

    /** Closes this process's handle on the end. Idempotent. */
    void close();
}
