package org.graalmp.sync;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.SharedObject;

/** multiprocessing.Event: a flag; {@code wait(timeout)} returns it, waking when it is set. */
public final class SharedEvent implements SharedObject {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean flag;

    @Override
    public Reply call(String method, Object[] args, Caller caller) throws InterruptedException {
        lock.lock();
        try {
            switch (method) {
                case "set" -> {
                    flag = true;
                    changed.signalAll();
                    return Reply.ok(null);
                }
                case "clear" -> {
                    flag = false;
                    return Reply.ok(null);
                }
                case "is_set" -> {
                    return Reply.ok(flag);
                }
                case "wait" -> {
                    long left = Timeouts.nanos(true, args[0]);
                    while (!flag && left > 0) {
                        left = Timeouts.await(changed, left);
                    }
                    return Reply.ok(flag);
                }
                default -> {
                    return Reply.error("AttributeError", "Event has no method " + method);
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
