package org.graalmp.memory;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.graalmp.ipc.PythonValues;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One shared-memory block as this process maps it: a file mapped read-write, in native byte
 * order, so every process that maps the file sees the same bytes. Reads and writes are not
 * atomic as a whole: callers serialise them with a lock, as with ctypes memory in CPython.
 */
public final class MemoryBlock {

    private final Path file;
    private final ByteBuffer buffer;

    private MemoryBlock(Path file, ByteBuffer buffer) {
        this.file = file;
        this.buffer = buffer;
    }

    /** Maps the whole of {@code file}; the mapping stays valid after the file is removed. */
    public static MemoryBlock map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException("shared memory block too large to map: " + file);
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            return new MemoryBlock(file, mapped.order(ByteOrder.nativeOrder()));
        }
    }

    /** The file's path: what a pickle carries to another process. */
    @HostAccess.Export
    public String path() {
        return file.toString();
    }

    @HostAccess.Export
    public long size() {
        return buffer.capacity();
    }

    /** Typed access to the elements of {@code format} (a struct format character) in this block. */
    @HostAccess.Export
    public ElementView view(String format) {
        if (format.length() != 1) {
            throw new IllegalArgumentException("one format character expected: " + format);
        }
        return new ElementView(buffer, ElementType.of(format.charAt(0)));
    }

    /** {@code length} bytes from {@code offset}, as a latin-1 string (one char per byte: Python converts it in bulk). */
    @HostAccess.Export
    public String read(long offset, long length) {
        byte[] bytes = new byte[Math.toIntExact(length)];
        VarHandle.acquireFence();
        buffer.get(Math.toIntExact(offset), bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Copies a Python buffer (bytes, bytearray, memoryview) to {@code offset}. */
    @HostAccess.Export
    public void write(long offset, Value data) {
        write(offset, PythonValues.bytesOf(data));
    }

    public void write(long offset, byte[] bytes) {
        buffer.put(Math.toIntExact(offset), bytes);
        VarHandle.releaseFence();
    }

    /** Copies this block's bytes into {@code target}, which is at least as large. */
    @HostAccess.Export
    public void copyTo(MemoryBlock target) {
        byte[] bytes = new byte[buffer.capacity()];
        VarHandle.acquireFence();
        buffer.get(0, bytes);
        target.write(0, bytes);
    }
}
