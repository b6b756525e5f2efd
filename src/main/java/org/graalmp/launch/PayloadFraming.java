package org.graalmp.launch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.graalmp.ipc.MessageLimit;

/**
 * Frames the spawn payload on a child's standard input: a 4-byte big-endian length, then the
 * bytes. The limit, {@link MessageLimit#MAX_MESSAGE}, guards against reading garbage as a
 * length; the parent refuses a longer payload before it writes anything.
 */
public final class PayloadFraming {

    /** Largest payload accepted: a pickled Process with its arguments. */
    public static final int MAX_PAYLOAD = MessageLimit.MAX_MESSAGE;

    private PayloadFraming() {
    }

    /** Writes the payload; the caller has checked that it is no longer than {@link #MAX_PAYLOAD}. */
    public static void write(DataOutputStream out, byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    /** The payload; {@link IOException} if its length is out of bounds or it is cut short. */
    public static byte[] read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("bad spawn payload length " + length);
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length != length) {
            throw new EOFException("spawn payload cut short: " + payload.length + " of " + length + " bytes");
        }
        return payload;
    }
}
