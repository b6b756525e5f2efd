package org.graalmp.connection;

import java.nio.ByteBuffer;

/**
 * The frame of one message on a socket connection, byte for byte as CPython's
 * {@code multiprocessing.connection} writes it, so either side may be CPython.
 *
 * <pre>
 *   Messages up to 0x7fffffff bytes:
 *   0                4
 *   +----------------+-------------------------+
 *   | length   (i32) | payload (length bytes)  |
 *   +----------------+-------------------------+
 *
 *   Longer messages:
 *   0                4                          12
 *   +----------------+--------------------------+-------------------------+
 *   | -1       (i32) | length             (u64) | payload (length bytes)  |
 *   +----------------+--------------------------+-------------------------+
 * </pre>
 *
 * All integers are big-endian (network order). A negative length other than the -1 marker,
 * or a long length beyond {@link Long#MAX_VALUE}, is malformed.
 */
final class FrameDescriptor {

    /** Size of the first length field, present in every frame. */
    static final int LENGTH_SIZE = 4;
    /** Size of the second length field that follows {@link #LONG_MARKER}. */
    static final int LONG_LENGTH_SIZE = 8;
    /** The first length field's value announcing a long frame. */
    static final int LONG_MARKER = -1;
    /** The longest payload a short frame carries. */
    static final long MAX_SHORT_LENGTH = Integer.MAX_VALUE;
    /** Room for the longest header. */
    static final int MAX_HEADER_SIZE = LENGTH_SIZE + LONG_LENGTH_SIZE;

    /** What a malformed length field reads as. */
    static final long MALFORMED = -1;

    private FrameDescriptor() {
    }

    /** Writes the header for a payload of {@code length} bytes at the buffer's position. */
    static void putHeader(ByteBuffer buffer, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative message length " + length);
        }
        if (length <= MAX_SHORT_LENGTH) {
            buffer.putInt((int) length);
        } else {
            buffer.putInt(LONG_MARKER).putLong(length);
        }
    }

    /** Whether a first length field is followed by an 8-byte one. */
    static boolean isLongMarker(int firstLength) {
        return firstLength == LONG_MARKER;
    }

    /** The payload length a short header announces, or {@link #MALFORMED}. */
    static long shortLength(int firstLength) {
        return firstLength >= 0 ? firstLength : MALFORMED;
    }

    /** The payload length a long header's second field announces, or {@link #MALFORMED}. */
    static long longLength(long secondLength) {
        // an unsigned length past Long.MAX_VALUE reads as negative: no such message can exist
        return secondLength >= 0 ? secondLength : MALFORMED;
    }
}
