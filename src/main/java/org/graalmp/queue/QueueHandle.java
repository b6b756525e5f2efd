package org.graalmp.queue;

import java.io.IOException;
import org.graalmp.ipc.ObjectSpace;
import org.graalmp.ipc.MessageTooLongException;
import org.graalmp.ipc.PythonValues;
import org.graalmp.ipc.Reply;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One process's handle on a {@link SharedQueue}: what the shim's Queue, JoinableQueue and their
 * pickled copies call. Thread-safe.
 *
 * <p>Overview: {@code put} and {@code get} are the hot path, so each is one call from Python
 * with plain arguments, answering null (put) or the item as a latin-1 string (get) on success
 * and a failed {@link Reply} otherwise. A put on an unbounded plain Queue can neither block nor
 * fail, so outside the root process it is posted without waiting for the root's answer
 * ({@link ObjectSpace#post}): CPython's put is just as asynchronous (a feeder thread writes the
 * pipe). Order is kept, since the root runs posted calls in the order each process sent them
 * and before that process's later calls; a JoinableQueue waits, because {@code join} in another
 * process must count the task as soon as put returns.
 */
public final class QueueHandle {

    private final long id;
    private final boolean posted;
    private final ObjectSpace space;

    QueueHandle(long id, boolean postsPuts, ObjectSpace space) {
        this.id = id;
        this.posted = postsPuts;
        this.space = space;
    }

    /** The id that pickled references carry. */
    @HostAccess.Export
    public long id() {
        return id;
    }

    /** Puts a pickled item (a Python bytes-like object); null, or the failure (queue.Full). */
    @HostAccess.Export
    public Reply put(Value item, boolean block, Object timeout) {
        byte[] bytes;
        try {
            bytes = PythonValues.messageOf(item);
        } catch (MessageTooLongException e) {
            return e.reply();
        }
        if (posted) {
            try {
                space.post(id, "put", bytes, block, PythonValues.timeout(timeout));
                return null;
            } catch (IOException e) {
                return unreachable(e);
            } catch (InterruptedException e) {
                return interrupted();
            }
        }
        Reply reply = call("put", bytes, block, PythonValues.timeout(timeout));
        return reply.failed() ? reply : null;
    }

    /** The next item as a latin-1 string (one char per byte), or the failure (queue.Empty). */
    @HostAccess.Export
    public Object get(boolean block, Object timeout) {
        Reply reply = call("get", block, PythonValues.timeout(timeout));
        return reply.failed() ? reply : reply.bytesValue();
    }

    /** Like {@link #call(String, Value)}, answering {@link Reply#plainValueOrSelf()}. */
    @HostAccess.Export
    public Object invoke(String method, Value args) {
        return call(method, args).plainValueOrSelf();
    }

    /** Any other method ({@code qsize}, {@code task_done}, ...), arguments as a Python sequence. */
    @HostAccess.Export
    public Reply call(String method, Value args) {
        return call(method, PythonValues.toJava(args));
    }

    private Reply call(String method, Object... args) {
        try {
            return space.call(id, method, args);
        } catch (IOException e) {
            return unreachable(e);
        } catch (InterruptedException e) {
            return interrupted();
        }
    }

    private static Reply unreachable(IOException e) {
        return Reply.error("OSError", "the root process's hub is unreachable: " + e.getMessage());
    }

    private static Reply interrupted() {
        Thread.currentThread().interrupt();
        return Reply.error("InterruptedError", "interrupted");
    }
}
