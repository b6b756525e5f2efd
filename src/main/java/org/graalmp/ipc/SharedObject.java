package org.graalmp.ipc;

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
    }
}
