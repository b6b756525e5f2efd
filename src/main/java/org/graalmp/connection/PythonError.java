package org.graalmp.connection;

import org.graalmp.ipc.Reply;

/** A failure already phrased as the Python exception to raise, carried up to the service. */
public final class PythonError extends Exception {

    private final transient Reply reply;

    PythonError(String type, String message) {
        super(type + ": " + message, null, false, false);
        this.reply = Reply.error(type, message);
    }

    public Reply reply() {
        return reply;
    }
}
