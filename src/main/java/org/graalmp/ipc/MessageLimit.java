package org.graalmp.ipc;

/**
 * The longest message graalmp carries between processes: a pickled object put on a queue,
 * sent on a connection, given to a pool or a manager, or a child's spawn payload. The sending
 * side refuses a longer one in the caller with {@link #refusal}; every decoder of a
 * length-prefixed frame checks the length a peer declares against it before allocating, so a
 * garbage length cannot exhaust memory.
 *
 * <p>The limit is an eighth of the heap, and never more than 512 MiB: on its way a message
 * exists several times over at once (the pickle, its copy into Java, the encoded frame while
 * it grows, the receiver's frame, value and Python bytes), and the root's queues hold the
 * items of every process. The root process decides it from its heap; children are given the
 * root's limit ({@link #PROPERTY}), since their heap may be counted otherwise (another GC), and
 * a limit that differed would let one process send what another drops. With the default heap
 * (a quarter of this 24 GiB machine) it is 512 MiB.
 */
public final class MessageLimit {

    /** The limit whatever the heap: comfortably below the longest Java array. */
    static final int CEILING = 512 * 1024 * 1024;

    /** The system property that gives a child JVM its root's limit. */
    public static final String PROPERTY = "graalmp.maxMessage";

    /** The longest message, in bytes. */
    public static final int MAX_MESSAGE = Integer.getInteger(PROPERTY,
            (int) Math.min(CEILING, Runtime.getRuntime().maxMemory() / 8));

    /** What a call frame adds to its message: ids, the method name, small arguments. */
    static final int FRAME_OVERHEAD = 64 * 1024;

    /** The longest hub frame: one message and the rest of its call. */
    public static final int MAX_FRAME = MAX_MESSAGE + FRAME_OVERHEAD;

    private MessageLimit() {
    }

    /** Whether a message of {@code length} bytes may be sent. */
    public static boolean allows(long length) {
        return length >= 0 && length <= MAX_MESSAGE;
    }

    /**
     * The error a sender raises for a message of {@code length} bytes: the system's words for
     * a message too long for its transport (EMSGSIZE), and graalmp's limit.
     */
    public static Reply refusal(long length) {
        return Reply.error("OSError", "[Errno 90] Message too long: " + length
                + " bytes; graalmp carries messages of at most " + MAX_MESSAGE + " bytes (an eighth of the heap, "
                + "512 MiB at most)");
    }
}
