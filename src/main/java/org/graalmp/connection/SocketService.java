package org.graalmp.connection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.PythonValues;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * The Java side of {@code Listener}, {@code Client}, {@code deliver_challenge} and
 * {@code answer_challenge}, bound into each context as {@code graalmp.sockets}. It takes Python
 * addresses and keys and answers with {@link Reply}s naming CPython's exceptions; the shim's
 * {@code multiprocessing/connection.py} is its only caller.
 *
 * <p>It owns what it hands out: {@link #close()} (interpreter exit) closes every listener and
 * connection still open, as a process's exit would, and stops their readiness waits, which run
 * on threads from the factory it was given. Thread-safe.
 */
public final class SocketService implements AutoCloseable {

    private final ExecutorService watchers;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

    public SocketService(ThreadFactory threads) {
        this.watchers = Executors.newCachedThreadPool(threads);
    }

    /** With named daemon threads: a readiness wait never keeps the JVM alive. */
    public SocketService() {
        this(daemonThreads());
    }

    private static ThreadFactory daemonThreads() {
        AtomicLong count = new AtomicLong();
        return task -> {
            Thread thread = new Thread(task, "graalmp-socket-wait-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Binds a listening socket: {@code Reply.ok(SocketListener)}. */
    public Reply listen(String family, Value address, int backlog) {
        try {
            SocketListener listener = SocketListener.bind(PythonAddresses.parse(family, address, "bind"), backlog, watchers);
            open.add(listener);
            return Reply.ok(listener);
        } catch (PythonError e) {
            return e.reply();
        } catch (IOException e) {
            return OsErrors.of(e);
        } catch (InvalidPathException e) {
            return Reply.error("ValueError", e.getMessage());
        }
    }

    /** Waits for a connection: {@code Reply.ok(SocketEndpoint)}. */
    public Reply accept(SocketListener listener) {
        try {
            return Reply.ok(track(listener.accept(open::remove)));
        } catch (IOException e) {
            return listener.isClosed() ? Reply.error("OSError", "listener is closed") : OsErrors.of(e);
        }
    }

    /** The listener's bound address in Python's form (a str, or a list to make a tuple of). */
    public Object address(SocketListener listener) {
        return PythonAddresses.toPython(listener.address());
    }

    /** The last accepted peer's address in Python's form; null before the first. */
    public Object lastAccepted(SocketListener listener) {
        return PythonAddresses.toPython(listener.lastAccepted());
    }

    /** Closes a listener and removes its Unix socket file. Idempotent. */
    public Reply closeListener(SocketListener listener) {
        open.remove(listener);
        try {
            listener.close();
            return Reply.ok(null);
        } catch (IOException e) {
            return OsErrors.of(e);
        }
    }

    /** Connects to a listener: {@code Reply.ok(SocketEndpoint)}. */
    public Reply connect(String family, Value address) {
        try {
            return Reply.ok(track(SocketEndpoint.connect(PythonAddresses.parse(family, address, "connect"), watchers,
                    open::remove)));
        } catch (PythonError e) {
            return e.reply();
        } catch (IOException e) {
            return OsErrors.of(e);
        } catch (InvalidPathException e) {
            return Reply.error("ValueError", e.getMessage());
        }
    }

    /**
     * {@code deliver_challenge(connection, authkey, digest_name)} on a Connection's endpoint, or
     * on a Python link over any object with {@code send_bytes}/{@code recv_bytes} (see
     * {@link #link(Value)}).
     */
    public Reply deliverChallenge(Value connection, Value authkey, String digestName) {
        return AuthHandshake.deliverChallenge(link(connection), PythonValues.bytesOf(authkey), digestName);
    }

    /** {@code answer_challenge(connection, authkey)}, on the same connections as deliverChallenge. */
    public Reply answerChallenge(Value connection, Value authkey) {
        return AuthHandshake.answerChallenge(link(connection), PythonValues.bytesOf(authkey));
    }

    /** Whether a Connection's endpoint is a socket (which cannot be sent to another process). */
    public boolean isSocket(Object endpoint) {
        return endpoint instanceof SocketEndpoint;
    }

    private SocketEndpoint track(SocketEndpoint endpoint) {
        open.add(endpoint);
        if (endpoint.isClosed()) {  // closed before it was tracked
            open.remove(endpoint);
        }
        return endpoint;
    }

    /**
     * A Connection's endpoint, or else a Python object with {@code send(str)} (the message as
     * latin-1 text, which Python turns into bytes in bulk) and {@code receive(max_length)}
     * returning bytes: CPython's handshake accepts any connection-like object, and the shim
     * wraps one so. Python exceptions raised by it pass through to the caller unchanged.
     */
    private static MessageLink link(Value connection) {
        if (connection.isHostObject() && connection.asHostObject() instanceof Endpoint endpoint) {
            return link(endpoint);
        }
        return new MessageLink() {
            @Override
            public Reply send(byte[] message) {
                connection.invokeMember("send", new String(message, StandardCharsets.ISO_8859_1));
                return Reply.ok(null);
            }

            @Override
            public Reply receive(long maxLength) {
                return Reply.ok(PythonValues.bytesOf(connection.invokeMember("receive", maxLength)));
            }
        };
    }

    /**
     * A socket speaks bytes directly; any other endpoint (a pipe) takes its messages as Python
     * buffers, which a host ByteBuffer is inside the calling context.
     */
    private static MessageLink link(Endpoint endpoint) {
        if (endpoint instanceof MessageLink direct) {
            return direct;
        }
        return new MessageLink() {
            @Override
            public Reply send(byte[] message) {
                return endpoint.sendBytes(Context.getCurrent().asValue(ByteBuffer.wrap(message)));
            }

            @Override
            public Reply receive(long maxLength) {
                return endpoint.recvBytes(maxLength);
            }
        };
    }


    /** Closes every listener and connection still open and stops the readiness waits. Idempotent. */
    @Override
    public void close() {
        for (AutoCloseable resource : open) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // closing everything regardless
            }
        }
        open.clear();
        watchers.shutdownNow();
    }
}
