package org.graalmp.sync;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.SharedObject;

/**
 * Lock, RLock, Semaphore and BoundedSemaphore: a counter with waiters, as CPython's SemLock.
 * A lock records its owner (a "pid/thread" string the caller sends), a recursive one also its
 * depth: a {@link SharedCondition} checks and hands over ownership.
 *
 * <p>Methods: {@code acquire(owner, block, timeout)} returns a bool; {@code release(owner)};
 * {@code get_value()}; {@code is_mine(owner)}; {@code count(owner)}.
 */
public final class SharedSemaphore implements SharedObject {

    /** The kinds of multiprocessing.synchronize this class serves. */
    public enum Kind { LOCK, RLOCK, SEMAPHORE, BOUNDED_SEMAPHORE }

    private static final String TOO_MANY_RELEASES = "semaphore or lock released too many times";

    private final Kind kind;
    private final long maxValue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private long value;
    private String owner;
    private long depth;

    public SharedSemaphore(Kind kind, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0");
        }
        this.kind = kind;
        this.value = value;
        this.maxValue = kind == Kind.SEMAPHORE ? Long.MAX_VALUE : value;
    }

    @Override
    public Reply call(String method, Object[] args, Caller caller) throws InterruptedException {
        lock.lock();
        try {
            return switch (method) {
                case "acquire" -> Reply.ok(acquire((String) args[0], Timeouts.nanos(args[1], args[2])));
                case "release" -> release((String) args[0]);
                case "get_value" -> Reply.ok(value);
                case "is_mine" -> Reply.ok(owner != null && owner.equals(args[0]));
                case "count" -> Reply.ok(owner != null && owner.equals(args[0]) ? depth : 0L);
                default -> Reply.error("AttributeError", kind + " has no method " + method);
            };
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code who} holds this lock (CPython's {@code SemLock._is_mine}). */
    boolean isOwnedBy(String who) {
        lock.lock();
        try {
            return who.equals(owner);
        } finally {
            lock.unlock();
        }
    }

    /** Releases a lock {@code who} holds, however deep; returns the depth, for {@link #reacquire}. */
    long releaseFully(String who) {
        lock.lock();
        try {
            long held = depth;
            owner = null;
            depth = 0;
            value++;
            released.signal();
            return held;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the lock back for {@code who} at the depth it had, waiting as long as it takes. */
    void reacquire(String who, long heldDepth) throws InterruptedException {
        lock.lock();
        try {
            acquire(who, Long.MAX_VALUE);
            depth = heldDepth;
        } finally {
            lock.unlock();
        }
    }

    private boolean acquire(String who, long nanos) throws InterruptedException {
        if (kind == Kind.RLOCK && who.equals(owner)) {
            depth++;
            return true;
        }
        long left = nanos;
        while (value == 0) {
            if (left <= 0) {
                return false;
            }
            left = Timeouts.await(released, left);
        }
        value--;
        if (kind == Kind.RLOCK || kind == Kind.LOCK) {
            owner = who;
            depth = 1;
        }
        return true;
    }

    private Reply release(String who) {
        if (kind == Kind.RLOCK) {
            if (!who.equals(owner)) {
                return Reply.error("AssertionError", "attempt to release recursive lock not owned by thread");
            }
            if (--depth > 0) {
                return Reply.ok(null);
            }
            owner = null;
        } else if (value >= maxValue) {
            return Reply.error("ValueError", TOO_MANY_RELEASES);
        }
        if (kind == Kind.LOCK) {
            owner = null;
        }
        value++;
        released.signal();
        return Reply.ok(null);
    }
}
