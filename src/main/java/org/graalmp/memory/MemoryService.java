package org.graalmp.memory;

import java.io.IOException;
import java.nio.file.Path;
import org.graalmp.ipc.ObjectSpace;
import org.graalmp.ipc.Reply;
import org.graalvm.polyglot.HostAccess;

/** Makes and maps shared-memory blocks; bound as {@code graalmp.memory}. */
public final class MemoryService {

    private final ObjectSpace space;

    public MemoryService(ObjectSpace space) {
        this.space = space;
    }

    /** A new zero-filled block of {@code size} bytes, created by the root and mapped here. */
    @HostAccess.Export
    public MemoryBlock create(long size) throws IOException, InterruptedException {
        Reply created = space.newObject(MemoryFiles.KIND, size);
        if (created.failed()) {
            throw new IOException(created.message());
        }
        Reply path = space.call((Long) created.value(), "path");
        if (path.failed()) {
            throw new IOException(path.message());
        }
        return MemoryBlock.map(Path.of((String) path.value()));
    }

    /** Maps the block another process created (its path came in a pickle). */
    @HostAccess.Export
    public MemoryBlock attach(String path) throws IOException {
        return MemoryBlock.map(Path.of(path));
    }
}
