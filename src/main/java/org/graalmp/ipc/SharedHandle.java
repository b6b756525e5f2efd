package org.graalmp.ipc;

import java.io.IOException;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One process's handle on a shared object: what the shim's Queue, Lock or Event call.
 *
 * <p>Locks and conditions know their holder by an owner name, "pid/thread", which the handle
 * makes for the calling thread: each Python thread runs on a Java thread of its own. Making it
 * here rather than in Python, and taking acquire's and release's arguments as plain
 * parameters, saves a lock operation about half its cost in GraalPy's interpreter.
 */
public final class SharedHandle {

    private static final ThreadLocal<String> OWNER =
            ThreadLocal.withInitial(() -> ProcessHandle.current().pid() + "/" + Thread.currentThread().getId());

    private final long id;
    private final ObjectSpace space;

    SharedHandle(long id, ObjectSpace space) {
        this.id = id;
        this.space = space;
    }

    /** The id that pickled references carry. */
    @HostAccess.Export
    public long id() {
        return id;
    }

    /** Like {@link #call}, answering {@link Reply#plainValueOrSelf()}: what the shim's hot paths use. */
    @HostAccess.Export
    public Object invoke(String method, Value args) throws IOException, InterruptedException {
        return call(method, args).plainValueOrSelf();
    }

    /** Calls {@code method} with a Python sequence of arguments (None, bool, int, float, str, bytes). */
    @HostAccess.Export
    public Reply call(String method, Value args) throws IOException, InterruptedException {
        return call(method, null, args);
    }

    /** Calls {@code method} with {@code owner} (if not null) before the Python arguments. */
    private Reply call(String method, String owner, Value args) throws IOException, InterruptedException {
        int first = owner == null ? 0 : 1;
        Object[] values;
        try {
            values = PythonValues.toJava(args, first);
        } catch (MessageTooLongException e) {
            return e.reply();
        }
        if (owner != null) {
            values[0] = owner;
        }
        return space.call(id, method, values);
    }

    /**
     * {@code acquire(owner, block, timeout)} on a lock or semaphore, as the calling thread:
     * True or False, or the failed Reply.
     */
    @HostAccess.Export
    public Object acquire(boolean block, Object timeout) throws IOException, InterruptedException {
        return space.call(id, "acquire", OWNER.get(), block, PythonValues.timeout(timeout)).plainValueOrSelf();
    }

    /** {@code release(owner)} on a lock or semaphore, as the calling thread: null, or the failed Reply. */
    @HostAccess.Export
    public Reply release() throws IOException, InterruptedException {
        Reply reply = space.call(id, "release", OWNER.get());
        return reply.failed() ? reply : null;
    }

    /** Like {@link #invoke}, with the calling thread's owner name before {@code args}. */
    @HostAccess.Export
    public Object invokeAsOwner(String method, Value args) throws IOException, InterruptedException {
        return call(method, OWNER.get(), args).plainValueOrSelf();
    }
}
