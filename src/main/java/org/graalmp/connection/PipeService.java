package org.graalmp.connection;

import java.io.IOException;
import org.graalmp.ipc.ObjectSpace;
import org.graalmp.ipc.Reply;
import org.graalvm.polyglot.HostAccess;

/** Creates pipes and this process's handles on their ends; bound as {@code graalmp.pipes}. */
public final class PipeService {

    public static final String KIND = "pipe";

    private final ObjectSpace space;

    public PipeService(ObjectSpace space) {
        this.space = space;
    }

    /** A new pipe whose two ends this process holds. */
    @HostAccess.Export
    public PipeEndpoint[] create(boolean duplex) throws IOException, InterruptedException {
        Reply created = space.newObject(KIND, duplex);
        if (created.failed()) {
            throw new IOException(created.message());
        }
        long id = (Long) created.value();
        long self = ProcessHandle.current().pid();
        duplicate(id, 0, self);
        duplicate(id, 1, self);
        return new PipeEndpoint[] {attach(id, 0), attach(id, 1)};
    }

    /** Counts one more handle on the end for process {@code pid}, which will use it. */
    @HostAccess.Export
    public void duplicate(long pipeId, int end, long pid) throws IOException, InterruptedException {
        Reply reply = space.call(pipeId, "duplicate", (long) end, pid);
        if (reply.failed()) {
            throw new IOException(reply.message());
        }
    }

    /** This process's endpoint on a pipe end already counted for it (see {@link #duplicate}). */
    @HostAccess.Export
    public PipeEndpoint attach(long pipeId, int end) {
        return new PipeEndpoint(pipeId, end, space);
    }
}
