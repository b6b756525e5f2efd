package org.graalmp.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.graalmp.ipc.PrivateFolder;

/**
 * The root process's shared-memory files: zero-filled, in one private folder (under
 * {@code /dev/shm} when the system has it, so the pages never reach a disk), removed with
 * the folder on {@link #close()} or at exit. The folder is made on the first block.
 */
public final class MemoryFiles implements AutoCloseable {

    /** The shared-object kind through which any process asks the root for a block. */
    public static final String KIND = "memory";

    private static final Path SHM = Path.of("/dev/shm");

    private PrivateFolder folder;
    private long created;

    /** A new zero-filled file of {@code size} bytes. */
    public synchronized Path create(long size) throws IOException {
        if (size < 0 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shared memory size out of range: " + size);
        }
        if (folder == null) {
            folder = PrivateFolder.create(Files.isDirectory(SHM) && Files.isWritable(SHM) ? SHM : null, "graalmp-mem-");
        }
        Path file = folder.path().resolve("block-" + ++created);
        try (FileChannel channel = FileChannel.open(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            if (size > 0) {
                channel.write(ByteBuffer.wrap(new byte[1]), size - 1);  // the rest stays a zero-filled hole
            }
        }
        return file;
    }

    /** The folder holding the blocks, or null before the first. */
    public synchronized Path folder() {
        return folder == null ? null : folder.path();
    }

    /** Removes every block file. Processes that mapped one keep their mapping. Idempotent. */
    @Override
    public synchronized void close() {
        if (folder != null) {
            folder.close();
        }
    }
}
