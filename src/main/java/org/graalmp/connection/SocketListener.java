package org.graalmp.connection;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A stream socket bound to an address and listening, as CPython's {@code SocketListener}: TCP
 * ({@code InetSocketAddress}) or Unix-domain ({@code UnixDomainSocketAddress}). Port 0 binds a
 * free port, which {@link #address()} then reports.
 *
 * <p>Thread-safety: {@link #accept} is for one thread at a time; {@link #close()} may come from
 * any thread and makes a pending accept fail. Closing removes the Unix socket file that binding
 * created, as CPython's listener does.
 */
public final class SocketListener implements AutoCloseable {

    private final ServerSocketChannel server;
    private final SocketAddress address;
    private final Executor watchers;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SocketAddress lastAccepted;

    private SocketListener(ServerSocketChannel server, Executor watchers) throws IOException {
        this.server = server;
        this.address = server.getLocalAddress();
        this.watchers = watchers;
    }

    /**
     * Binds and listens. {@code watchers} runs the readiness waits of the endpoints it accepts
     * (see {@link SocketEndpoint#whenReadable()}).
     */
    public static SocketListener bind(SocketAddress address, int backlog, Executor watchers) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(familyOf(address));
        try {
            if (!(address instanceof UnixDomainSocketAddress)) {
                // As CPython on POSIX: a restarted server may rebind a port left in TIME_WAIT.
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            server.bind(address, Math.max(backlog, 0));
            return new SocketListener(server, watchers);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static ProtocolFamily familyOf(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress) {
            return StandardProtocolFamily.UNIX;
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        return inet.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /** Waits for a connection; {@code onClose} hears when the endpoint closes. */
    public SocketEndpoint accept(Consumer<SocketEndpoint> onClose) throws IOException {
        SocketChannel channel = server.accept();
        try {
            lastAccepted = channel.getRemoteAddress();
            return new SocketEndpoint(channel, watchers, onClose);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The address actually bound: the real port when 0 was asked for. */
    public SocketAddress address() {
        return address;
    }

    /** The peer address of the last connection accepted; null before the first. */
    public SocketAddress lastAccepted() {
        return lastAccepted;
    }

    /** Stops listening and removes the Unix socket file. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } finally {
            if (address instanceof UnixDomainSocketAddress unix && !unix.getPath().toString().isEmpty()) {
                Files.deleteIfExists(unix.getPath());
            }
        }
    }

    public boolean isClosed() {
        return closed.get();
    }
}
