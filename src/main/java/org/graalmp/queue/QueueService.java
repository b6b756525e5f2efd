package org.graalmp.queue;

import java.io.IOException;
import org.graalmp.ipc.ObjectSpace;
import org.graalmp.ipc.Reply;
import org.graalvm.polyglot.HostAccess;

/** Creates queues and this process's handles on them; bound as {@code graalmp.queues}. */
public final class QueueService {

    public static final String KIND = "queue";

    private final ObjectSpace space;

    public QueueService(ObjectSpace space) {
        this.space = space;
    }

    /** A new queue of at most {@code maxsize} items (0: unbounded). */
    @HostAccess.Export
    public QueueHandle create(long maxsize, boolean joinable) throws IOException, InterruptedException {
        Reply created = space.newObject(KIND, maxsize);
        if (created.failed()) {
            throw new IOException(created.message());
        }
        return attach((Long) created.value(), maxsize, joinable);
    }

    /** This process's handle on queue {@code id}, as a pickled Queue names it. */
    @HostAccess.Export
    public QueueHandle attach(long id, long maxsize, boolean joinable) {
        return new QueueHandle(id, maxsize <= 0 && !joinable, space);
    }
}
