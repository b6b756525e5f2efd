package org.graalmp.connection;

import org.graalmp.ipc.Reply;

/**
 * Whole messages of bytes both ways: what the authkey handshake ({@link AuthHandshake}) needs
 * of a connection. Failures are {@link Reply} errors naming the Python exception.
 */
public interface MessageLink {

    /** Sends one message. */
    Reply send(byte[] message);

    /** Receives one message as {@code Reply.ok(byte[])}; see {@link Endpoint#recvBytes}. */
    Reply receive(long maxLength);
}
