package org.graalmp.ipc;

import java.io.IOException;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** One process's handle on a shared object: what the shim's Queue, Lock or Event call. */
public final class SharedHandle {

    private final long id;
    private final ObjectSpace space;

    SharedHandle(long id, ObjectSpace space) {
        this.id = id;
        this.space = space;
    }

    /** The id that pickled references carry. */
    @HostAccess.Export
    public long id() {
        return id;
    }

    /** Like {@link #call}, answering {@link Reply#plainValueOrSelf()}: what the shim's hot paths use. */
    @HostAccess.Export
    public Object invoke(String method, Value args) throws IOException, InterruptedException {
        return call(method, args).plainValueOrSelf();
    }

    /** Calls {@code method} with a Python sequence of arguments (None, bool, int, float, str, bytes). */
    @HostAccess.Export
    public Reply call(String method, Value args) throws IOException, InterruptedException {
        Object[] values;
        try {
            values = PythonValues.toJava(args);
        } catch (MessageTooLongException e) {
            return e.reply();
        }
        return space.call(id, method, values);
    }
}
