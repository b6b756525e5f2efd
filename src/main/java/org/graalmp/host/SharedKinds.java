package org.graalmp.host;

import java.util.Map;
import org.graalmp.connection.PipeService;
import org.graalmp.connection.SharedPipe;
import org.graalmp.ipc.ObjectRegistry;
import org.graalmp.ipc.SharedObject;
import org.graalmp.memory.MemoryFiles;
import org.graalmp.memory.SharedBlock;
import org.graalmp.pool.PoolScheduler;
import org.graalmp.queue.SharedQueue;
import org.graalmp.sync.SharedBarrier;
import org.graalmp.sync.SharedCondition;
import org.graalmp.sync.SharedEvent;
import org.graalmp.sync.SharedSemaphore;
import org.graalmp.sync.SharedSemaphore.Kind;

/** The kinds of shared object the shim can create, by the name it uses. */
final class SharedKinds {

    private SharedKinds() {
    }

    static ObjectRegistry registry(MemoryFiles memoryFiles) {
        Map<String, SharedObject.Factory> kinds = Map.ofEntries(
                Map.entry("queue", (args, lookup) -> new SharedQueue((int) count(args, 0))),
                Map.entry("lock", (args, lookup) -> new SharedSemaphore(Kind.LOCK, 1)),
                Map.entry("rlock", (args, lookup) -> new SharedSemaphore(Kind.RLOCK, 1)),
                Map.entry("semaphore", (args, lookup) -> new SharedSemaphore(Kind.SEMAPHORE, count(args, 0))),
                Map.entry("bounded_semaphore",
                        (args, lookup) -> new SharedSemaphore(Kind.BOUNDED_SEMAPHORE, count(args, 0))),
                Map.entry("condition", (args, lookup) -> new SharedCondition(lockOf(lookup.apply(count(args, 0))))),
                Map.entry("event", (args, lookup) -> new SharedEvent()),
                Map.entry("barrier", (args, lookup) -> new SharedBarrier((int) count(args, 0))),
                Map.entry(PipeService.KIND, (args, lookup) -> new SharedPipe()),
                Map.entry(MemoryFiles.KIND, SharedBlock.factory(memoryFiles)),
                Map.entry("pool", (args, lookup) -> new PoolScheduler()));
        return new ObjectRegistry(kinds);
    }

    private static long count(Object[] args, int index) {
        if (args.length <= index || !(args[index] instanceof Long value)) {
            throw new IllegalArgumentException("expected an integer argument");
        }
        return value;
    }

    private static SharedSemaphore lockOf(SharedObject object) {
        if (!(object instanceof SharedSemaphore lock)) {
            throw new IllegalArgumentException("a Condition needs a multiprocessing Lock or RLock");
        }
        return lock;
    }
}
