package org.graalmp.memory;

import java.nio.ByteBuffer;

/**
 * The C types a block holds, by struct format character, with CPython's native sizes on a
 * 64-bit Unix ({@code l} and {@code L} are 8 bytes). Integers cross to Python as long (the
 * unsigned 64-bit ones as their two's complement: Python adds 2**64), floats as double,
 * {@code ?} as boolean. Storing keeps the low bits of a long, as a C cast does.
 */
public enum ElementType {
    BYTE('b', 1), UNSIGNED_BYTE('B', 1), SHORT('h', 2), UNSIGNED_SHORT('H', 2),
    INT('i', 4), UNSIGNED_INT('I', 4), LONG('l', 8), UNSIGNED_LONG('L', 8),
    LONG_LONG('q', 8), UNSIGNED_LONG_LONG('Q', 8), FLOAT('f', 4), DOUBLE('d', 8), BOOL('?', 1);

    private final char format;
    private final int size;

    ElementType(char format, int size) {
        this.format = format;
        this.size = size;
    }

    public static ElementType of(char format) {
        for (ElementType type : values()) {
            if (type.format == format) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown element format " + format);
    }

    public int size() {
        return size;
    }

    Object get(ByteBuffer buffer, int at) {
        return switch (this) {
            case BYTE -> (long) buffer.get(at);
            case UNSIGNED_BYTE -> (long) Byte.toUnsignedInt(buffer.get(at));
            case SHORT -> (long) buffer.getShort(at);
            case UNSIGNED_SHORT -> (long) Short.toUnsignedInt(buffer.getShort(at));
            case INT -> (long) buffer.getInt(at);
            case UNSIGNED_INT -> Integer.toUnsignedLong(buffer.getInt(at));
            case LONG, UNSIGNED_LONG, LONG_LONG, UNSIGNED_LONG_LONG -> buffer.getLong(at);
            case FLOAT -> (double) buffer.getFloat(at);
            case DOUBLE -> buffer.getDouble(at);
            case BOOL -> buffer.get(at) != 0;
        };
    }

    void putLong(ByteBuffer buffer, int at, long value) {
        switch (size) {
            case 1 -> buffer.put(at, (byte) value);
            case 2 -> buffer.putShort(at, (short) value);
            case 4 -> buffer.putInt(at, (int) value);
            default -> buffer.putLong(at, value);
        }
    }

    void putDouble(ByteBuffer buffer, int at, double value) {
        if (this == FLOAT) {
            buffer.putFloat(at, (float) value);
        } else {
            buffer.putDouble(at, value);
        }
    }

    boolean isFloating() {
        return this == FLOAT || this == DOUBLE;
    }
}
