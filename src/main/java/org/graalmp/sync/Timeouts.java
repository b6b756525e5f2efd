package org.graalmp.sync;

import java.util.concurrent.locks.Condition;

/** Python's blocking arguments: {@code block} and {@code timeout} (None, or seconds). */
public final class Timeouts {

    private Timeouts() {
    }

    /** Nanoseconds to wait: 0 when not blocking, {@link Long#MAX_VALUE} for ever. */
    public static long nanos(Object block, Object timeout) {
        if (Boolean.FALSE.equals(block)) {
            return 0;
        }
        if (timeout == null) {
            return Long.MAX_VALUE;
        }
        double seconds = ((Number) timeout).doubleValue();
        return seconds <= 0 ? 0 : (long) Math.min(seconds * 1e9, Long.MAX_VALUE / 2);
    }

    /** Nanoseconds to wait for a timeout in seconds where a negative one means for ever. */
    public static long seconds(Object timeout) {
        double seconds = ((Number) timeout).doubleValue();
        return seconds < 0 ? Long.MAX_VALUE : nanos(true, seconds);
    }

    /**
     * Waits on {@code condition} for at most {@code nanos} (for ever if MAX_VALUE); returns what
     * is left. A waiter is interrupted when its caller has gone (the hub cancels a dead process's
     * calls); one signalled and interrupted at once passes the signal on before it gives up, so
     * that the item, message or lock it was woken for goes to a live waiter instead.
     */
    public static long await(Condition condition, long nanos) throws InterruptedException {
        long left;
        if (nanos == Long.MAX_VALUE) {
            condition.await();
            left = Long.MAX_VALUE;
        } else {
            left = condition.awaitNanos(nanos);
        }
        if (Thread.interrupted()) {
            condition.signal();
            throw new InterruptedException("the caller has gone");
        }
        return left;
    }
}
