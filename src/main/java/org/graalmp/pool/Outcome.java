package org.graalmp.pool;

import java.nio.charset.StandardCharsets;

/**
 * A chunk's outcome as the shim reads it: one tag byte, then the data. A worker's outcome is
 * pickled by the worker; a task lost with its worker carries the scheduler's message instead.
 */
final class Outcome {

    static final byte FAILED = 0;
    static final byte SUCCEEDED = 1;
    static final byte LOST = 2;

    private Outcome() {
    }

    static byte[] of(boolean ok, byte[] data) {
        return tagged(ok ? SUCCEEDED : FAILED, data);
    }

    static byte[] lost(String message) {
        return tagged(LOST, message.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] tagged(byte tag, byte[] data) {
        byte[] outcome = new byte[data.length + 1];
        outcome[0] = tag;
        System.arraycopy(data, 0, outcome, 1, data.length);
        return outcome;
    }
}
