package org.graalmp.ipc;

import java.util.function.Consumer;

/**
 * State that lives in the root process and is shared by every process of the program.
 * Implementations are thread-safe: each call runs on its own thread and may block.
 */
public interface SharedObject {

    /**
     * Performs {@code method}.
     *
     * @param caller the process (connection) calling, for state owned per process
     */
    Reply call(String method, Object[] args, Caller caller) throws InterruptedException;

    /**
     * Performs {@code method} if that cannot block (the hub's reader thread calls this), or
     * returns null to have {@link #call} run on a thread of its own. Never waits, except for
     * the object's own short critical sections.
     */
    default Reply callNow(String method, Object[] args, Caller caller) {
        return null;
    }

    /**
     * Takes a call that must wait (after {@link #callNow} gave null) without parking a thread on
     * it: whichever thread makes it answerable later (a put, a send, a close) passes the reply to
     * {@code answer}, or this method does if it is answerable already. False if this object does
     * not take {@code method} so: the hub then runs {@link #call} on a thread of its own.
     * Waiting calls of a caller that is {@link #release released} are dropped.
     */
    default boolean callLater(String method, Object[] args, Caller caller, Consumer<Reply> answer) {
        return false;
    }

    /** Makes a shared object from the shim's arguments; {@code lookup} finds others by id. */
    @FunctionalInterface
    interface Factory {
        SharedObject create(Object[] args, java.util.function.LongFunction<SharedObject> lookup);
    }

    /** {@code caller} has gone (closed its connection or died): drop what it held. */
    default void release(Caller caller) {
    }

    /**
     * One process's connection to the hub (or the root process itself), with the pid the
     * process announced after the handshake.
     */
    record Caller(long id, long pid) {
        public static final Caller ROOT = new Caller(0, ProcessHandle.current().pid());

        /** Whether the caller's process still runs (its hub connection may not have ended yet). */
        public boolean isAlive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}
