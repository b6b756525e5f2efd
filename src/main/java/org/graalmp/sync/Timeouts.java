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

    /** Waits on {@code condition} for at most {@code nanos} (for ever if MAX_VALUE); returns what is left. */
    public static long await(Condition condition, long nanos) throws InterruptedException {
        if (nanos == Long.MAX_VALUE) {
            condition.await();
            return Long.MAX_VALUE;
        }
        return condition.awaitNanos(nanos);
    }
}
