package org.graalmp.memory;

import java.nio.file.Path;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.SharedObject;

/** A block the root created for some process: the registry entry that names its file. */
public record SharedBlock(Path file) implements SharedObject {

    /** The factory for {@link MemoryFiles#KIND}: one argument, the size in bytes. */
    public static SharedObject.Factory factory(MemoryFiles files) {
        return (args, lookup) -> {
            if (args.length != 1 || !(args[0] instanceof Long size)) {
                throw new IllegalArgumentException("expected the block size");
            }
            try {
                return new SharedBlock(files.create(size));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    @Override
    public Reply call(String method, Object[] args, Caller caller) {
        return "path".equals(method)
                ? Reply.ok(file.toString())
                : Reply.error("ValueError", "a shared memory block has no method " + method);
    }
}
