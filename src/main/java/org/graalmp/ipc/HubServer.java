package org.graalmp.ipc;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A hub: a listening socket through which other processes call a {@link CallTarget}. The
 * root process's hub serves its {@link ObjectRegistry} on a Unix-domain socket in a fresh 0700
 * folder with a random key; a manager's server serves its referents at the address and with the
 * authkey its user chose (a socket path, or a TCP host and port). Every connection must pass the
 * {@link Handshake}.
 *
 * <p>Overview: one reader thread per connection decodes requests. A call that cannot block
 * ({@link CallTarget#callNow}) is answered on that thread, in the order the connection sent it;
 * one its object can park ({@link CallTarget#callLater}: a {@code recv} on an empty pipe) is
 * answered by the thread that makes it ready; any other runs on a pooled thread, since it may
 * block (a {@code get} with a timeout on an empty queue).
 * Responses are written under the connection's lock; a request whose call id is
 * {@link CallFrames#NO_REPLY} gets none. When a connection ends, for whatever reason, everything its process held
 * is released, and its calls still blocked on pooled threads are interrupted (see
 * {@link #cancelAll}). A frame that does not parse drops that connection only.
 */
public final class HubServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HubServer.class.getName());

    private final CallTarget target;
    private final byte[] key;
    private final PrivateFolder folder;  // made for the socket when no address was given, or null
    private final Path socket;  // the socket file, or null (TCP)
    private final Thread removeSocketAtExit = new Thread(this::removeFiles, "graalmp-hub-cleanup");
    private final ServerSocketChannel server;
    private final ExecutorService threads;
    private final AtomicLong nextCaller = new AtomicLong(1);
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** The root's hub: a random key, a socket in a fresh private folder. */
    public HubServer(ObjectRegistry registry) throws IOException {
        this(registry, null, randomKey());
    }

    /**
     * Serves {@code target} at {@code address}: a {@link UnixDomainSocketAddress}, an
     * {@link InetSocketAddress}, or null for a socket in a fresh 0700 folder.
     */
    public HubServer(CallTarget target, SocketAddress address, byte[] key) throws IOException {
        this.target = target;
        this.key = key.clone();
        if (address == null) {
            this.folder = PrivateFolder.create(null, "graalmp-");
            address = UnixDomainSocketAddress.of(folder.path().resolve("hub"));
        } else {
            this.folder = null;
        }
        this.socket = address instanceof UnixDomainSocketAddress unix ? unix.getPath() : null;
        this.server = bind(address);
        // A process ended by a signal (SIGTERM, Ctrl-C) never reaches close(): remove the socket anyway.
        Runtime.getRuntime().addShutdownHook(removeSocketAtExit);
        AtomicLong threadCount = new AtomicLong();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "graalmp-hub-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::acceptLoop);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static ServerSocketChannel bind(SocketAddress address) throws IOException {
        if (address instanceof UnixDomainSocketAddress) {
            return ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
        }
        ServerSocketChannel channel = ServerSocketChannel.open();
        // As CPython's Listener: a restarted server may reuse a port still in TIME_WAIT.
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        try {
            return channel.bind(address);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** The socket path other processes connect to (a Unix-domain hub). */
    public String address() {
        return socket.toString();
    }

    /** The address bound: a Unix socket path, or the host and (chosen) port. */
    public SocketAddress boundAddress() throws IOException {
        return server.getLocalAddress();
    }

    /** The shared key; travels to children only inside their spawn payload. */
    public byte[] key() {
        return key.clone();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel channel = server.accept();
                connections.add(channel);
                threads.execute(() -> serve(channel));
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "hub stopped accepting", e);
                }
                return;
            }
        }
    }

    private void serve(SocketChannel channel) {
        SharedObject.Caller caller = null;
        Set<Future<?>> running = ConcurrentHashMap.newKeySet();  // this connection's calls not yet answered
        try (channel) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.input(channel)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.output(channel)));
            try {
                Handshake.asServer(in, out, key);
                caller = new SharedObject.Caller(nextCaller.getAndIncrement(), in.readLong());
                for (byte[] frame; (frame = CallFrames.readFrame(in)) != null; ) {
                    CallFrames.Request request = CallFrames.decodeRequest(frame);
                    Reply now = answerNow(request, caller);
                    if (now != null) {
                        respond(request.callId(), now, out);
                    } else if (!answerLater(request, caller, out)) {
                        runPooled(request, caller, out, running);
                    }
                }
            } catch (CallFrames.MalformedFrameException | Handshake.AuthenticationFailure e) {
                // A peer that is not a process of this program (or is broken): say so before the
                // channel closes (the peer sees the close), and serve the others.
                LOG.warning("graalmp hub dropped a connection: " + e.getMessage());
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.log(Level.FINE, "hub connection dropped: " + e.getMessage());
            }
        } finally {
            connections.remove(channel);
            cancelAll(running);
            if (caller != null) {
                target.release(caller);
            }
        }
    }

    /** The reply of a call that cannot block, made on the reader thread; null if it might block. */
    private Reply answerNow(CallFrames.Request request, SharedObject.Caller caller) {
        try {
            return target.callNow(request.objectId(), request.method(), request.args(), caller);
        } catch (RuntimeException e) {
            return Reply.error("RuntimeError", "graalmp hub: " + e);
        }
    }

    /** Leaves a waiting call with its object, which answers it when it can; false if it does not take it. */
    private boolean answerLater(CallFrames.Request request, SharedObject.Caller caller, DataOutputStream out) {
        try {
            return target.callLater(request.objectId(), request.method(), request.args(), caller,
                    reply -> respond(request.callId(), reply, out));
        } catch (RuntimeException e) {
            respond(request.callId(), Reply.error("RuntimeError", "graalmp hub: " + e), out);
            return true;
        }
    }

    /** Runs a call that may block on a pooled thread, tracked so that {@link #cancelAll} can interrupt it. */
    private void runPooled(CallFrames.Request request, SharedObject.Caller caller, DataOutputStream out,
                           Set<Future<?>> running) {
        FutureTask<Void> call = new FutureTask<>(() -> answer(request, caller, out), null) {
            @Override
            protected void done() {
                running.remove(this);
            }
        };
        running.add(call);
        threads.execute(call);
    }

    /**
     * The connection's process has gone (or closed it): its calls still blocked ({@code get},
     * {@code recv}, {@code acquire}) are interrupted, so that none of them takes an item, a
     * message or a lock that nobody is left to receive.
     */
    private static void cancelAll(Set<Future<?>> running) {
        running.forEach(call -> call.cancel(true));  // each one's done() removes it meanwhile
    }

    private void answer(CallFrames.Request request, SharedObject.Caller caller, DataOutputStream out) {
        Reply reply;
        try {
            reply = target.call(request.objectId(), request.method(), request.args(), caller);
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException e) {
            reply = Reply.error("RuntimeError", "graalmp hub: " + e);
        }
        respond(request.callId(), reply, out);
    }

    private static void respond(long callId, Reply reply, DataOutputStream out) {
        if (callId == CallFrames.NO_REPLY) {
            return;
        }
        try {
            byte[] frame = CallFrames.encode(new CallFrames.Response(callId, reply));
            if (frame.length > CallFrames.MAX_FRAME) {  // the caller would drop the connection
                frame = CallFrames.encode(new CallFrames.Response(callId, MessageLimit.refusal(frame.length)));
            }
            synchronized (out) {
                CallFrames.writeFrame(out, frame);
            }
        } catch (IOException e) {
            // the caller is gone; its connection's reader releases what it held
        }
    }

    /** Stops the hub, closes every connection and removes the socket and its folder. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (SocketChannel channel : connections) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(removeSocketAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        removeFiles();
    }

    private void removeFiles() {
        try {
            if (socket != null) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not remove " + socket, e);
        }
        if (folder != null) {
            folder.close();
        }
    }
}
