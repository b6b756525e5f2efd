package org.graalmp.ipc;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The root process's hub: a Unix-domain socket in a fresh 0700 folder, through which other
 * processes call the {@link ObjectRegistry}. Every connection must pass the {@link Handshake}.
 *
 * <p>Overview: one reader thread per connection decodes requests; each call runs on a pooled
 * thread, since calls block (a {@code get} on an empty queue); responses are written under the
 * connection's lock. When a connection ends, for whatever reason, everything its process held
 * is released. A frame that does not parse drops that connection only.
 */
public final class HubServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HubServer.class.getName());

    private final ObjectRegistry registry;
    private final byte[] key = new byte[32];
    private final PrivateFolder folder;
    private final Path socket;
    private final ServerSocketChannel server;
    private final ExecutorService threads;
    private final AtomicLong nextCaller = new AtomicLong(1);
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public HubServer(ObjectRegistry registry) throws IOException {
        this.registry = registry;
        new SecureRandom().nextBytes(key);
        this.folder = PrivateFolder.create(null, "graalmp-");
        this.socket = folder.path().resolve("hub");
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        AtomicLong threadCount = new AtomicLong();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "graalmp-hub-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::acceptLoop);
    }

    /** The socket path other processes connect to. */
    public String address() {
        return socket.toString();
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
        try (channel) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.input(channel)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.output(channel)));
            Handshake.asServer(in, out, key);
            caller = new SharedObject.Caller(nextCaller.getAndIncrement(), in.readLong());
            for (byte[] frame; (frame = CallFrames.readFrame(in)) != null; ) {
                CallFrames.Request request = CallFrames.decodeRequest(frame);
                SharedObject.Caller from = caller;
                threads.execute(() -> answer(request, from, out));
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.log(Level.FINE, "hub connection dropped: " + e.getMessage());
            }
        } finally {
            connections.remove(channel);
            if (caller != null) {
                registry.release(caller);
            }
        }
    }

    private void answer(CallFrames.Request request, SharedObject.Caller caller, DataOutputStream out) {
        Reply reply;
        try {
            reply = request.objectId() == CallFrames.REGISTRY
                    ? create(request)
                    : registry.call(request.objectId(), request.method(), request.args(), caller);
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException e) {
            reply = Reply.error("RuntimeError", "graalmp hub: " + e);
        }
        try {
            byte[] frame = CallFrames.encode(new CallFrames.Response(request.callId(), reply));
            synchronized (out) {
                CallFrames.writeFrame(out, frame);
            }
        } catch (IOException e) {
            // the caller is gone; its connection's reader releases what it held
        }
    }

    private Reply create(CallFrames.Request request) {
        Object[] args = request.args();
        if (!"create".equals(request.method()) || args.length == 0 || !(args[0] instanceof String kind)) {
            return Reply.error("ValueError", "bad registry call " + request.method());
        }
        return registry.create(kind, java.util.Arrays.copyOfRange(args, 1, args.length));
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
        folder.close();
    }
}
