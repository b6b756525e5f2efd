package org.graalmp.launch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.graalmp.ipc.MessageLimit;

/**
 * What a parent writes on a child JVM's standard input: any number of {@link WarmUp}s (only
 * while the JVM is a spare in the warm pool), then one {@link Payload}. Each is framed as a
 * kind byte, a 4-byte big-endian length, then the bytes. The limit,
 * {@link MessageLimit#MAX_MESSAGE}, guards against reading garbage as a length; the parent
 * refuses a longer payload before it writes anything.
 */
public final class ChildInput {

    /** Largest payload accepted: a pickled Process with its arguments. */
    public static final int MAX_PAYLOAD = MessageLimit.MAX_MESSAGE;

    private static final byte WARM_UP = 'W';
    private static final byte PAYLOAD = 'P';

    /** One message from the parent. */
    public sealed interface Message permits WarmUp, Payload {
    }

    /** The parent's main script, which the child may prepare to run before its payload comes. */
    public record WarmUp(String mainScript) implements Message {
    }

    /** The spawn payload: preparation data and the pickled {@code Process}. */
    public record Payload(byte[] bytes) implements Message {
    }

    private ChildInput() {
    }

    /** Writes a warm-up request. */
    public static void writeWarmUp(DataOutputStream out, WarmUp warmUp) throws IOException {
        write(out, WARM_UP, warmUp.mainScript().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the payload; the caller has checked that it is no longer than {@link #MAX_PAYLOAD}. */
    public static void writePayload(DataOutputStream out, byte[] payload) throws IOException {
        write(out, PAYLOAD, payload);
    }

    /** The next message; {@link IOException} if its kind or length is bad or it is cut short. */
    public static Message read(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        int length = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("bad length " + length + " from the parent");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("message from the parent cut short: " + bytes.length + " of " + length + " bytes");
        }
        return switch (kind) {
            case WARM_UP -> new WarmUp(new String(bytes, StandardCharsets.UTF_8));
            case PAYLOAD -> new Payload(bytes);
            default -> throw new IOException("unknown message kind " + kind + " from the parent");
        };
    }

    private static void write(DataOutputStream out, byte kind, byte[] bytes) throws IOException {
        out.writeByte(kind);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }
}
