package org.graalmp.ipc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The values a call carries, each a tag byte then its encoding:
 *
 * <pre>
 *   0 null | 1 false | 2 true | 3 long (8 bytes) | 4 double (8 bytes)
 *   5 String (int length, UTF-8) | 6 byte[] (int length, bytes)
 * </pre>
 *
 * Anything else is refused: callers pickle Python objects to bytes first. Reading throws
 * {@link IOException} for an unknown tag, a length outside {@code [0, maxLength]} (checked
 * before allocating) or a value cut short.
 */
public final class WireValues {

    private static final int NULL = 0;
    private static final int FALSE = 1;
    private static final int TRUE = 2;
    private static final int LONG = 3;
    private static final int DOUBLE = 4;
    private static final int STRING = 5;
    private static final int BYTES = 6;

    private WireValues() {
    }

    public static void write(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Long || value instanceof Integer) {
            out.writeByte(LONG);
            out.writeLong(((Number) value).longValue());
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof String s) {
            writeBytes(out, STRING, s.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof byte[] bytes) {
            writeBytes(out, BYTES, bytes);
        } else {
            throw new IllegalArgumentException("cannot send a " + value.getClass().getName());
        }
    }

    /** The bytes the byte-string values among {@code values} hold: what a frame carrying them needs beyond its header. */
    static int payloadSize(Object... values) {
        long size = 0;
        for (Object value : values) {
            if (value instanceof byte[] bytes) {
                size += bytes.length;
            }
        }
        return (int) Math.min(size, CallFrames.MAX_FRAME);
    }

    private static void writeBytes(DataOutputStream out, int tag, byte[] bytes) throws IOException {
        out.writeByte(tag);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static Object read(DataInputStream in, int maxLength) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case STRING -> new String(readBytes(in, maxLength), StandardCharsets.UTF_8);
            case BYTES -> readBytes(in, maxLength);
            default -> throw new IOException("malformed frame: unknown value tag " + tag);
        };
    }

    private static byte[] readBytes(DataInputStream in, int maxLength) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > maxLength) {
            throw new IOException("malformed frame: value length " + length);
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("truncated frame: value of " + length + " bytes");
        }
        return bytes;
    }
}
