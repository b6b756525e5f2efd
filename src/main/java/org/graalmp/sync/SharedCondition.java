package org.graalmp.sync;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.SharedObject;

/**
 * multiprocessing.Condition over a shared Lock or RLock: {@code wait} releases the lock
 * entirely, sleeps until notified (or the timeout), and takes the lock back at its old depth,
 * as CPython's does. Waiters are woken in the order they came.
 *
 * <p>Methods: {@code wait(owner, timeout)} returns whether it was notified;
 * {@code notify(owner, n)}; {@code notify_all(owner)}. The caller must hold the lock.
 */
public final class SharedCondition implements SharedObject {

    private final SharedSemaphore lock;
    private final ReentrantLock guard = new ReentrantLock();
    private final Condition wakeUp = guard.newCondition();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    private static final class Waiter {
        boolean notified;
    }

    public SharedCondition(SharedSemaphore lock) {
        this.lock = lock;
    }

    @Override
    public Reply call(String method, Object[] args, Caller caller) throws InterruptedException {
        String owner = (String) args[0];
        return switch (method) {
            case "wait" -> lock.isOwnedBy(owner)
                    ? Reply.ok(await(owner, Timeouts.nanos(true, args[1])))
                    : Reply.error("AssertionError", "must acquire() condition before using wait()");
            case "notify" -> notify(owner, (Long) args[1]);
            case "notify_all" -> notify(owner, Long.MAX_VALUE);
            case "n_waiting" -> Reply.ok(waiting());
            default -> Reply.error("AttributeError", "Condition has no method " + method);
        };
    }

    private boolean await(String owner, long nanos) throws InterruptedException {
        Waiter waiter = new Waiter();
        guard.lock();
        try {
            waiters.addLast(waiter);
        } finally {
            guard.unlock();
        }
        long depth = lock.releaseFully(owner);
        boolean notified;
        guard.lock();
        try {
            long left = nanos;
            while (!waiter.notified && left > 0) {
                left = Timeouts.await(wakeUp, left);
            }
            notified = waiter.notified;
            waiters.remove(waiter);
        } finally {
            guard.unlock();
            lock.reacquire(owner, depth);
        }
        return notified;
    }

    private long waiting() {
        guard.lock();
        try {
            return waiters.stream().filter(waiter -> !waiter.notified).count();
        } finally {
            guard.unlock();
        }
    }

    private Reply notify(String owner, long count) {
        if (!lock.isOwnedBy(owner)) {
            return Reply.error("AssertionError", "lock is not owned");
        }
        guard.lock();
        try {
            for (long i = 0; i < count && !waiters.isEmpty(); i++) {
                waiters.removeFirst().notified = true;
            }
            wakeUp.signalAll();
        } finally {
            guard.unlock();
        }
        return Reply.ok(null);
    }
}
