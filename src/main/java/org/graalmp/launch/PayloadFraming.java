package org.graalmp.launch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Frames the spawn payload on a child's standard input: a 4-byte big-endian length, then the
 * bytes. The limit guards against reading garbage as a length.
 */
public final class PayloadFraming {

    /** Largest payload accepted: a pickled Process with its arguments. */
    public static final int MAX_PAYLOAD = 256 * 1024 * 1024;

    private PayloadFraming() {
    }

    public static void write(DataOutputStream out, byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    public static byte[] read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("bad spawn payload length " + length);
        }
        return in.readNBytes(length);
    }
}
