package org.graalmp.ipc;

import java.math.BigInteger;
import org.graalvm.polyglot.Value;

/** Converts Python values to the Java values {@link WireValues} carries. */
public final class PythonValues {

    private PythonValues() {
    }

    /**
     * The bytes of a Python buffer that goes to another process; refused before the copy if it
     * is longer than {@link MessageLimit#MAX_MESSAGE}.
     */
    public static byte[] messageOf(Value buffer) {
        long size = buffer.getBufferSize();
        if (!MessageLimit.allows(size)) {
            throw new MessageTooLongException(size);
        }
        return bytesOf(buffer);
    }

    /** The bytes of a Python buffer (bytes, bytearray, memoryview), copied in bulk. */
    public static byte[] bytesOf(Value buffer) {
        byte[] bytes = new byte[(int) buffer.getBufferSize()];
        buffer.readBuffer(0, bytes, 0, bytes.length);
        return bytes;
    }

    /**
     * A timeout in seconds as host interop passed it to an {@code Object} parameter (None, an
     * int as Integer, Long or BigInteger, a float as Double), made a value the wire carries: an
     * int too large for a long becomes a double, as {@link #toJava(Value)} reads one.
     */
    public static Object timeout(Object seconds) {
        if (seconds instanceof BigInteger big) {
            return big.doubleValue();
        }
        if (seconds instanceof Integer whole) {
            return whole.longValue();
        }
        return seconds;
    }

    /** Java values for a Python sequence; {@link MessageTooLongException} for an overlong buffer. */
    public static Object[] toJava(Value sequence) {
        return toJava(sequence, 0);
    }

    /** Like {@link #toJava(Value)}, leaving the first {@code skip} slots empty for the caller's values. */
    public static Object[] toJava(Value sequence, int skip) {
        Object[] values = new Object[skip + (int) sequence.getArraySize()];
        for (int i = skip; i < values.length; i++) {
            values[i] = elementToJava(sequence.getArrayElement(i - skip), i - skip);
        }
        return values;
    }

    private static Object elementToJava(Value value, int index) {
        if (value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.fitsInLong()) {
            return value.asLong();
        }
        if (value.fitsInDouble()) {
            return value.asDouble();
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.hasBufferElements()) {
            return messageOf(value);
        }
        throw new IllegalArgumentException("argument " + index + " cannot be sent between processes: " + value);
    }
}
