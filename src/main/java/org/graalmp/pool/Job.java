package org.graalmp.pool;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The results of one job (an apply, a map or an imap): one per chunk, each a tagged byte
 * string (see {@link Outcome}). Guarded by the scheduler's lock.
 */
final class Job {

    private final boolean waitsForCallback;
    private final Map<Long, byte[]> results = new HashMap<>();
    private final ArrayDeque<Long> completionOrder = new ArrayDeque<>();
    private long length;
    private long completed;
    private long taken;

    /** A job of {@code length} chunks (-1 until known: imap); a callback job is ready only once acknowledged. */
    Job(long length, boolean waitsForCallback) {
        this.length = length;
        this.waitsForCallback = waitsForCallback;
    }

    void setLength(long length) {
        this.length = length;
    }

    boolean waitsForCallback() {
        return waitsForCallback;
    }

    /** Stores chunk {@code index}'s outcome unless it has one already; true if it was new. */
    boolean complete(long index, byte[] outcome) {
        if (results.putIfAbsent(index, outcome) != null) {
            return false;
        }
        completed++;
        completionOrder.addLast(index);
        return true;
    }

    boolean allCompleted() {
        return length >= 0 && completed >= length;
    }

    byte[] result(long index) {
        return results.get(index);
    }

    /** Whether {@code index} is past the end, as far as is known yet. */
    boolean beyondEnd(long index) {
        return length >= 0 && index >= length;
    }

    /** Removes and returns chunk {@code index}'s outcome, or null if it has none yet. */
    byte[] take(long index) {
        byte[] outcome = results.remove(index);
        if (outcome != null) {
            completionOrder.remove(index);
            taken++;
        }
        return outcome;
    }

    /** Removes and returns the earliest completed outcome still held, or null. */
    byte[] takeAny() {
        Long index = completionOrder.pollFirst();
        if (index == null) {
            return null;
        }
        taken++;
        return results.remove(index);
    }

    boolean allTaken() {
        return length >= 0 && taken >= length;
    }
}
