package org.graalmp.manager;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.graalmp.ipc.HubClient;
import org.graalmp.ipc.MessageTooLongException;
import org.graalmp.ipc.PythonValues;
import org.graalmp.ipc.Reply;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One process's connection to one manager: what proxies call. Calls from many threads share
 * it; each waits for its own reply, so one blocked call (a managed {@code Queue.get}) does not
 * hold up the others.
 */
public final class ManagerConnection {

    private final HubClient client;

    ManagerConnection(HubClient client) {
        this.client = client;
    }

    /**
     * Calls {@code method} on object {@code id} with a pickled payload (or None); the server
     * runs it on the thread it keeps for this calling thread (a Python thread is a Java thread).
     */
    @HostAccess.Export
    public Reply call(long id, String method, Value payload) throws InterruptedException {
        long thread = Thread.currentThread().getId();
        try {
            Object[] args = payload.isNull() ? new Object[] {thread} : new Object[] {thread, PythonValues.messageOf(payload)};
            return send(id, method, args);
        } catch (MessageTooLongException e) {
            return e.reply();
        }
    }

    /** A request to the server itself: {@code shutdown}, {@code dummy}, {@code number_of_objects}... */
    @HostAccess.Export
    public Reply server(String request) throws InterruptedException {
        return send(0, request, new Object[0]);
    }

    /** Asks the server to create an object of {@code typeid} from a pickled {@code (args, kwds)}. */
    @HostAccess.Export
    public Reply create(String typeid, Value payload) throws InterruptedException {
        try {
            return send(0, "create", new Object[] {typeid, PythonValues.messageOf(payload)});
        } catch (MessageTooLongException e) {
            return e.reply();
        }
    }

    /** Counts a proxy on {@code id} for process {@code pid} (a child about to receive one). */
    @HostAccess.Export
    public Reply incref(long id, long pid) throws InterruptedException {
        return send(id, "#INCREF", new Object[] {pid});
    }

    /** Drops a proxy on {@code id}: sent without waiting, as it runs when a proxy is collected. */
    @HostAccess.Export
    public void decref(long id) {
        try {
            client.callAsync(id, "#DECREF");
        } catch (IOException e) {
            // the server has gone, and with it the object
        }
    }

    /**
     * Errors as a CPython proxy meets a vanished server on its connection: a call sent after
     * the server went fails to send (BrokenPipeError), a call waiting for its answer reads the
     * end of the connection (EOFError).
     */
    private Reply send(long id, String method, Object[] args) throws InterruptedException {
        CompletableFuture<Reply> reply;
        try {
            reply = client.callAsync(id, method, args);
        } catch (IOException e) {
            return Reply.error("BrokenPipeError", "[Errno 32] Broken pipe");
        }
        try {
            return reply.get();
        } catch (ExecutionException e) {
            return Reply.error("EOFError", "");
        }
    }

    boolean isBroken() {
        return client.isBroken();
    }

    void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
