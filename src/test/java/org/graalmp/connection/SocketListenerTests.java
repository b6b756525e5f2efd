package org.graalmp.connection;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unit tests for {@link SocketListener}. */
class SocketListenerTests {

    @TempDir
    Path folder;

    private final ExecutorService watchers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        watchers.shutdownNow();
    }

    @Test
    void portZeroBindsAFreePortAndReportsIt() throws IOException {
        try (SocketListener listener = SocketListener.bind(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, watchers)) {
            InetSocketAddress bound = (InetSocketAddress) listener.address();
            assertAll(
                    () -> assertNotEquals(0, bound.getPort()),
                    () -> assertEquals("127.0.0.1", bound.getAddress().getHostAddress()),
                    () -> assertEquals(java.util.List.of("127.0.0.1", bound.getPort()),
                            PythonAddresses.toPython(bound)));
        }
    }

    @Test
    void lastAcceptedIsThePeersAddress() throws IOException {
        try (SocketListener listener = SocketListener.bind(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, watchers);
                SocketChannel peer = SocketChannel.open(listener.address())) {
            assertNull(listener.lastAccepted());
            try (SocketEndpoint accepted = listener.accept(endpoint -> { })) {
                assertEquals(peer.getLocalAddress(), listener.lastAccepted());
            }
        }
    }

    @Test
    void unixListenerRemovesItsSocketFileOnClose() throws IOException {
        Path path = folder.resolve("listener-1");
        SocketListener listener = SocketListener.bind(UnixDomainSocketAddress.of(path), 1, watchers);
        assertTrue(Files.exists(path));
        try (SocketChannel peer = SocketChannel.open(listener.address());
                SocketEndpoint accepted = listener.accept(endpoint -> { })) {
            assertAll(
                    () -> assertEquals(path.toString(), PythonAddresses.toPython(listener.address())),
                    () -> assertEquals("", PythonAddresses.toPython(listener.lastAccepted())));
        }
        listener.close();
        listener.close();
        assertFalse(Files.exists(path));
    }

    @Test
    void bindingAnAddressInUseFailsAsCPythonDoes() throws IOException {
        Path path = folder.resolve("taken");
        try (SocketListener first = SocketListener.bind(UnixDomainSocketAddress.of(path), 1, watchers)) {
            IOException e = assertThrows(IOException.class,
                    () -> SocketListener.bind(UnixDomainSocketAddress.of(path), 1, watchers));
            assertEquals(org.graalmp.ipc.Reply.error("OSError", "[Errno 98] Address already in use"), OsErrors.of(e));
        }
    }

    @Test
    void closingWakesAPendingAccept() throws Exception {
        SocketListener listener = SocketListener.bind(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, watchers);
        CompletableFuture<Void> accepting = CompletableFuture.runAsync(() -> {
            try {
                listener.accept(endpoint -> { });
            } catch (IOException expected) {
                return;
            }
            throw new AssertionError("accepted after close");
        });
        Thread.sleep(200);
        listener.close();
        accepting.get(10, TimeUnit.SECONDS);
    }
}
