package org.graalmp.ipc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The frames between a process and the hub, after the handshake. Each frame is an int length
 * followed by that many bytes:
 *
 * <pre>
 *   request:  long callId | long objectId | value method | int argc | value arg * argc
 *   response: long callId | byte 0 | value result
 *           | long callId | byte 1 | value errorType | value message
 * </pre>
 *
 * Values are {@link WireValues}. Object id 0 is the registry itself ({@code create}, {@code sync});
 * call id 0 ({@link #NO_REPLY}) asks for no response.
 * A frame longer than {@link #MAX_FRAME} or that does not parse ends the connection: the
 * decoders throw {@link IOException} for any malformed or truncated input, and check every
 * length and count a peer declares before allocating for it.
 */
public final class CallFrames {

    /** The largest frame accepted or sent: one message and the rest of its call. */
    public static final int MAX_FRAME = MessageLimit.MAX_FRAME;

    /** The most arguments a call carries; the hub's calls take a handful. */
    static final int MAX_ARGS = 64;

    public static final long REGISTRY = 0;

    /** The call id of a request that wants no response (its sender never waits for it). */
    public static final long NO_REPLY = 0;

    private static final int OK = 0;
    private static final int ERROR = 1;

    private CallFrames() {
    }

    public record Request(long callId, long objectId, String method, Object[] args) {
    }

    public record Response(long callId, Reply reply) {
    }

    public static byte[] encode(Request request) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + WireValues.payloadSize(request.args()));
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeLong(request.callId());
        out.writeLong(request.objectId());
        WireValues.write(out, request.method());
        out.writeInt(request.args().length);
        for (Object arg : request.args()) {
            WireValues.write(out, arg);
        }
        return buffer.toByteArray();
    }

    public static byte[] encode(Response response) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + WireValues.payloadSize(response.reply().value()));
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeLong(response.callId());
        Reply reply = response.reply();
        if (reply.failed()) {
            out.writeByte(ERROR);
            WireValues.write(out, reply.errorType());
            WireValues.write(out, reply.message());
        } else {
            out.writeByte(OK);
            WireValues.write(out, reply.value());
        }
        return buffer.toByteArray();
    }

    /** The request in a whole frame; {@link MalformedFrameException} if it does not parse. */
    public static Request decodeRequest(byte[] frame) throws IOException {
        try {
            return parseRequest(frame);
        } catch (MalformedFrameException e) {
            throw e;
        } catch (IOException e) {  // a field or value past the end of the frame, a bad tag or count
            throw new MalformedFrameException(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static Request parseRequest(byte[] frame) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame));
        long callId = in.readLong();
        long objectId = in.readLong();
        if (!(WireValues.read(in, frame.length) instanceof String method)) {
            throw new IOException("malformed frame: method is not a string");
        }
        int argc = in.readInt();
        if (argc < 0 || argc > MAX_ARGS) {
            throw new IOException("malformed frame: " + argc + " arguments");
        }
        Object[] args = new Object[argc];
        for (int i = 0; i < argc; i++) {
            args[i] = WireValues.read(in, frame.length);
        }
        return new Request(callId, objectId, method, args);
    }

    public static Response decodeResponse(byte[] frame) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame));
        long callId = in.readLong();
        int status = in.readUnsignedByte();
        if (status == OK) {
            return new Response(callId, Reply.ok(WireValues.read(in, frame.length)));
        }
        Object type = WireValues.read(in, frame.length);
        Object message = WireValues.read(in, frame.length);
        return new Response(callId, Reply.error(String.valueOf(type), String.valueOf(message)));
    }

    /** Writes a frame; the caller has checked that it is no longer than {@link #MAX_FRAME}. */
    public static void writeFrame(DataOutputStream out, byte[] frame) throws IOException {
        bufferFrame(out, frame);
        out.flush();
    }

    /** Like {@link #writeFrame}, leaving the frame in {@code out}'s buffer until its next flush. */
    public static void bufferFrame(DataOutputStream out, byte[] frame) throws IOException {
        out.writeInt(frame.length);
        out.write(frame);
    }

    /** A frame no graalmp process sends: garbage, or a peer that is not graalmp. */
    public static final class MalformedFrameException extends IOException {
        MalformedFrameException(String what) {
            super("malformed frame: " + what);
        }
    }

    /** The next frame, or null at a clean end of stream; {@link MalformedFrameException} for a bad length. */
    public static byte[] readFrame(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        if (length < 0 || length > MAX_FRAME) {
            throw new MalformedFrameException("length " + length);
        }
        byte[] frame = new byte[length];
        try {
            in.readFully(frame);  // in one piece: a large frame is read straight into place
        } catch (EOFException e) {
            throw new MalformedFrameException("truncated: fewer than " + length + " bytes");
        }
        return frame;
    }
}
