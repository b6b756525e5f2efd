package org.graalmp.launch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Optional;
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

    /**
     * What a spare may do before its payload comes: prepare to run the parent's main script
     * (absent when the main module is not a file), and rehearse a child's first steps.
     */
    public record WarmUp(Optional<String> mainScript, Optional<Rehearsal> rehearsal) implements Message {
    }

    /**
     * Where a spare rehearses: the root's hub ({@code address}, {@code key} hex-encoded, as a
     * spawn payload names them) and a queue there that is kept for rehearsals.
     */
    public record Rehearsal(String hubAddress, String hubKey, long queueId) {
    }

    /** The spawn payload: preparation data and the pickled {@code Process}. */
    public record Payload(byte[] bytes) implements Message {
    }

    private ChildInput() {
    }

    /** Writes a warm-up request. */
    public static void writeWarmUp(DataOutputStream out, WarmUp warmUp) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream fields = new DataOutputStream(bytes);
        // Modified UTF-8 keeps a path's lone surrogates (undecodable bytes, in Python).
        fields.writeBoolean(warmUp.mainScript().isPresent());
        fields.writeUTF(warmUp.mainScript().orElse(""));
        fields.writeBoolean(warmUp.rehearsal().isPresent());
        if (warmUp.rehearsal().isPresent()) {
            Rehearsal rehearsal = warmUp.rehearsal().get();
            fields.writeUTF(rehearsal.hubAddress());
            fields.writeUTF(rehearsal.hubKey());
            fields.writeLong(rehearsal.queueId());
        }
        write(out, WARM_UP, bytes.toByteArray());
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
            case WARM_UP -> readWarmUp(bytes);
            case PAYLOAD -> new Payload(bytes);
            default -> throw new IOException("unknown message kind " + kind + " from the parent");
        };
    }

    private static WarmUp readWarmUp(byte[] bytes) throws IOException {
        DataInputStream fields = new DataInputStream(new ByteArrayInputStream(bytes));
        boolean hasScript = fields.readBoolean();
        String script = fields.readUTF();
        Optional<Rehearsal> rehearsal = fields.readBoolean()
                ? Optional.of(new Rehearsal(fields.readUTF(), fields.readUTF(), fields.readLong()))
                : Optional.empty();
        if (fields.available() > 0) {
            throw new IOException("warm-up message from the parent has trailing bytes: " + fields.available());
        }
        return new WarmUp(hasScript ? Optional.of(script) : Optional.empty(), rehearsal);
    }

    private static void write(DataOutputStream out, byte kind, byte[] bytes) throws IOException {
        out.writeByte(kind);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }
}
