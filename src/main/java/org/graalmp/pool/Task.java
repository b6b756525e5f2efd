package org.graalmp.pool;

import java.nio.ByteBuffer;

/** Chunk {@code index} of job {@code job}: the payload the shim made (pickled, or empty for threads). */
record Task(long job, long index, byte[] payload) {

    /** What a worker receives: job and index (8 bytes each, big-endian), then the payload. */
    byte[] encode() {
        return ByteBuffer.allocate(16 + payload.length).putLong(job).putLong(index).put(payload).array();
    }
}
