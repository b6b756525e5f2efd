package org.graalmp.ipc;

import java.util.function.Consumer;

/**
 * What a {@link HubServer} serves: the root's {@link ObjectRegistry}, or a manager's table of
 * referents. Implementations are thread-safe: each call runs on its own thread and may block.
 */
public interface CallTarget {

    /** Performs {@code method} on object {@code id} ({@link CallFrames#REGISTRY} is the target itself). */
    Reply call(long id, String method, Object[] args, SharedObject.Caller caller) throws InterruptedException;

    /**
     * Performs the call at once if it cannot block, or returns null: the hub then runs
     * {@link #call} on a thread of its own. A call answered here costs no thread hand-off, and
     * calls answered here run in the order their connection sent them.
     */
    default Reply callNow(long id, String method, Object[] args, SharedObject.Caller caller) {
        return null;
    }

    /** See {@link SharedObject#callLater}: a waiting call answered later, with no thread parked on it. */
    default boolean callLater(long id, String method, Object[] args, SharedObject.Caller caller,
            Consumer<Reply> answer) {
        return false;
    }

    /** {@code caller}'s connection has gone (closed, or its process died): drop what it held. */
    void release(SharedObject.Caller caller);
}
