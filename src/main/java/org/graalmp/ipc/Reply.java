package org.graalmp.ipc;

import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.HostAccess;

/**
 * The outcome of a call on a shared object: a value, or the Python exception the caller must
 * raise ({@code errorType} names it, such as {@code "queue.Empty"} or {@code "ValueError"}).
 */
public record Reply(Object value, String errorType, String message) {

    public static Reply ok(Object value) {
        return new Reply(value, null, null);
    }

    public static Reply error(String errorType, String message) {
        return new Reply(null, errorType, message);
    }

    /**
     * The value, when Python receives it as a plain one (None, bool, int, float, str); else
     * this reply, failed or holding something else, for the caller to unwrap. A handle's
     * {@code invoke} answers with it: one Python/Java crossing per call instead of three.
     */
    public Object plainValueOrSelf() {
        boolean plain = value == null || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Double || value instanceof String;
        return plain && !failed() ? value : this;
    }

    @HostAccess.Export
    public boolean failed() {
        return errorType != null;
    }

    @HostAccess.Export
    @Override
    public Object value() {
        return value;
    }

    /**
     * A bytes result as a latin-1 string (one char per byte): Python turns that into bytes in
     * bulk, where a Java byte[] would cross element by element.
     */
    @HostAccess.Export
    public String bytesValue() {
        return new String((byte[]) value, StandardCharsets.ISO_8859_1);
    }

    @HostAccess.Export
    @Override
    public String errorType() {
        return errorType;
    }

    @HostAccess.Export
    @Override
    public String message() {
        return message;
    }
}
