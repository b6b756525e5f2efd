package org.graalmp.ipc;

/** A message longer than {@link MessageLimit#MAX_MESSAGE}, refused before it is copied. */
public final class MessageTooLongException extends IllegalArgumentException {

    private final long length;

    public MessageTooLongException(long length) {
        super("message of " + length + " bytes is longer than " + MessageLimit.MAX_MESSAGE);
        this.length = length;
    }

    /** The error the sender raises: {@link MessageLimit#refusal}. */
    public Reply reply() {
        return MessageLimit.refusal(length);
    }
}
