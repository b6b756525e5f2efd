package org.graalmp.connection;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalmp.ipc.ObjectSpace;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.MessageTooLongException;
import org.graalmp.ipc.PythonValues;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** This process's handle on one end of a {@link SharedPipe}. Thread-safe. */
public final class PipeEndpoint implements Endpoint {

    private final long pipeId;
    private final int end;
    private final ObjectSpace space;
    private final AtomicBoolean closed = new AtomicBoolean();

    PipeEndpoint(long pipeId, int end, ObjectSpace space) {
        this.pipeId = pipeId;
        this.end = end;
        this.space = space;
    }

    /** The pipe's id, which a pickled Connection carries. */
    @HostAccess.Export
    public long pipeId() {
        return pipeId;
    }

    /** Which end (0 or 1) this is. */
    @HostAccess.Export
    public int end() {
        return end;
    }

    @HostAccess.Export
    @Override
    public Reply sendBytes(Value message) {
        try {
            return call("send", (long) end, PythonValues.messageOf(message));
        } catch (MessageTooLongException e) {
            return e.reply();
        }
    }

    @HostAccess.Export
    @Override
    public Reply recvBytes(long maxLength) {
        return call("recv", (long) end, maxLength);
    }

    @HostAccess.Export
    @Override
    public Reply poll(double timeoutSeconds) {
        return call("poll", (long) end, timeoutSeconds, 0L);
    }

    @Override
    public CompletableFuture<Boolean> whenReadable() {
        long token = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        CompletableFuture<Boolean> readable = new CompletableFuture<>();
        try {
            space.callAsync(pipeId, "poll", (long) end, -1.0, token)
                    .whenComplete((reply, failure) -> readable.complete(failure != null || !reply.failed()));
        } catch (IOException e) {
            readable.complete(true);  // the hub is gone: a recv now fails at once, as a dead fd would
        }
        readable.whenComplete((result, failure) -> {
            if (failure instanceof CancellationException) {
                cancelPoll(token);
            }
        });
        return readable;
    }

    private void cancelPoll(long token) {
        try {
            space.callAsync(pipeId, "cancel", token);
        } catch (IOException ignored) {
            // the hub is gone, and the poll with it
        }
    }

    @HostAccess.Export
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            call("close", (long) end);
        }
    }

    private Reply call(String method, Object... args) {
        try {
            return space.call(pipeId, method, args);
        } catch (IOException e) {
            return Reply.error("OSError", "the root process's hub is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error("InterruptedError", "interrupted");
        }
    }
}
