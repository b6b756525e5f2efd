package org.graalmp.memory;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * A block seen as an array of one {@link ElementType}: what a shared Value or Array reads and
 * writes, one polyglot call per element or per slice. Indexes are checked by the caller,
 * which raises CPython's errors; here an index out of range is a bug.
 *
 * <p>The fences order these plain accesses with the lock a program holds around them (the
 * lock hand-off between processes already implies a barrier at the CPU).
 */
public final class ElementView {

    private final ByteBuffer buffer;
    private final ElementType type;

    ElementView(ByteBuffer buffer, ElementType type) {
        this.buffer = buffer;
        this.type = type;
    }

    @HostAccess.Export
    public long length() {
        return buffer.capacity() / type.size();
    }

    @HostAccess.Export
    public Object get(long index) {
        VarHandle.acquireFence();
        return type.get(buffer, offset(index));
    }

    /** Stores a Python int (in the signed 64-bit range), float or bool, converted as a C cast does. */
    @HostAccess.Export
    public void set(long index, Value value) {
        put(offset(index), value);
        VarHandle.releaseFence();
    }

    /** Stores {@code values[k]} at {@code start + k * step} for every k: a slice assignment in one call. */
    @HostAccess.Export
    public void setEach(long start, long step, Value values) {
        long count = values.getArraySize();
        for (long k = 0; k < count; k++) {
            put(offset(start + k * step), values.getArrayElement(k));
        }
        VarHandle.releaseFence();
    }

    private void put(int at, Value value) {
        if (type == ElementType.BOOL) {
            buffer.put(at, (byte) (value.asBoolean() ? 1 : 0));
        } else if (type.isFloating()) {
            type.putDouble(buffer, at, value.asDouble());
        } else {
            type.putLong(buffer, at, value.asLong());
        }
    }

    private int offset(long index) {
        if (index < 0 || index >= length()) {
            throw new IndexOutOfBoundsException("element " + index + " of " + length());
        }
        return (int) index * type.size();
    }

}
