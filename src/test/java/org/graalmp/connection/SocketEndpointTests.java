package org.graalmp.connection;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.graalmp.ipc.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests for {@link SocketEndpoint}: CPython's framing, ends of stream, waiting, closing. */
class SocketEndpointTests {

    private final ThreadPoolExecutor watchers = (ThreadPoolExecutor) Executors.newCachedThreadPool();
    private SocketListener listener;

    @BeforeEach
    void listen() throws IOException {
        listener = SocketListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, watchers);
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
        watchers.shutdownNow();
    }

    private SocketEndpoint accept() throws IOException {
        return listener.accept(endpoint -> { });
    }

    @Nested
    class BetweenTwoEndpoints {

        private SocketEndpoint client;
        private SocketEndpoint server;

        @BeforeEach
        void connect() throws IOException {
            client = SocketEndpoint.connect(listener.address(), watchers, endpoint -> { });
            server = accept();
        }

        @AfterEach
        void close() {
            client.close();
            server.close();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 16384, 65535, 65536, 65537, 1_000_003})
        void messagesArriveWholeAndInOrder(int size) throws Exception {
            byte[] first = pattern(size, 7);
            byte[] second = pattern(size + 1, 11);
            CompletableFuture<List<Reply>> sent = CompletableFuture.supplyAsync(
                    () -> List.of(client.send(first), client.send(second)));
            assertArrayEquals(first, (byte[]) server.recvBytes(-1).value());
            assertArrayEquals(second, (byte[]) server.recvBytes(-1).value());
            assertTrue(sent.get(10, TimeUnit.SECONDS).stream().noneMatch(Reply::failed));
        }

        @Test
        void messageLongerThanMaxLengthIsABadMessageLength() {
            client.send(new byte[257]);
            assertEquals(Reply.error("OSError", "bad message length"), server.recvBytes(256));
        }

        @Test
        void endOfStreamBeforeAFrameIsEOFError() {
            client.send(new byte[] {1});
            client.close();
            assertAll(
                    () -> assertArrayEquals(new byte[] {1}, (byte[]) server.recvBytes(-1).value()),
                    () -> assertEquals(Reply.error("EOFError", ""), server.recvBytes(-1)),
                    () -> assertEquals(Reply.error("EOFError", ""), server.recvBytes(-1)));
        }

        @Test
        void pollWaitsOutItsTimeoutWithoutSpinning() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long before = System.nanoTime();
            Reply ready = server.poll(0.5);
            long waited = System.nanoTime() - before;
            long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
            assertAll(
                    () -> assertEquals(Reply.ok(false), ready),
                    () -> assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(490), "waited " + waited),
                    () -> assertTrue(cpu < TimeUnit.MILLISECONDS.toNanos(100), "cpu " + cpu));
        }

        @Test
        void pollSeesAMessageAndThenEndOfStream() {
            assertEquals(Reply.ok(false), server.poll(0));
            client.send(new byte[] {42});
            assertEquals(Reply.ok(true), server.poll(5));
            assertEquals(Reply.ok(true), server.poll(0), "polling reads nothing");
            server.recvBytes(-1);
            client.close();
            assertEquals(Reply.ok(true), server.poll(-1));
        }

        @Test
        void whenReadableCompletesOnceAMessageArrives() throws Exception {
            CompletableFuture<Boolean> readable = server.whenReadable();
            Thread.sleep(100);
            assertFalse(readable.isDone());
            client.send(new byte[] {1});
            assertTrue(readable.get(10, TimeUnit.SECONDS));
            assertTrue(server.whenReadable().isDone(), "ready at once when a message waits");
        }

        @Test
        void cancellingWhenReadableEndsItsWait() throws Exception {
            CompletableFuture<Boolean> readable = server.whenReadable();
            awaitActiveWatchers(1);
            readable.cancel(false);
            awaitActiveWatchers(0);
        }

        @Test
        void closingEndsWhenReadableWaits() throws Exception {
            CompletableFuture<Boolean> readable = server.whenReadable();
            awaitActiveWatchers(1);
            server.close();
            assertTrue(readable.get(10, TimeUnit.SECONDS));
            awaitActiveWatchers(0);
        }

        @Test
        void closingWakesABlockedReceive() throws Exception {
            CountDownLatch receiving = new CountDownLatch(1);
            CompletableFuture<Reply> received = CompletableFuture.supplyAsync(() -> {
                receiving.countDown();
                return server.recvBytes(-1);
            });
            receiving.await();
            Thread.sleep(200);
            server.close();
            assertEquals(Reply.error("OSError", "handle is closed"), received.get(10, TimeUnit.SECONDS));
        }

        @Test
        void sendingToAClosedPeerIsABrokenPipe() {
            server.close();
            Reply reply = Reply.ok(null);
            for (int i = 0; i < 1000 && !reply.failed(); i++) {
                reply = client.send(new byte[65536]);
            }
            Reply last = reply;
            assertTrue(Set.of(Reply.error("BrokenPipeError", "[Errno 32] Broken pipe"),
                    Reply.error("ConnectionResetError", "[Errno 104] Connection reset by peer")).contains(last),
                    last::toString);
        }

        @Test
        void concurrentSendersNeverInterleaveTheirMessages() throws Exception {
            int senders = 4;
            int each = 200;
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                sending.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < each; i++) {
                        client.send(pattern(1000 + 37 * i, sender * each + i));
                    }
                }, watchers));
            }
            Set<String> seen = new HashSet<>();
            for (int n = 0; n < senders * each; n++) {
                byte[] message = (byte[]) server.recvBytes(-1).value();
                int seed = message[0] & 0xff;
                assertArrayEquals(pattern(message.length, seed), message);
                seen.add(message.length + "/" + seed);
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertEquals(senders * each, seen.size());
        }

        private void awaitActiveWatchers(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (watchers.getActiveCount() != count && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(count, watchers.getActiveCount(), "watcher threads busy");
        }
    }

    /** A raw socket plays the peer, writing frames byte by byte. */
    @Nested
    class AgainstRawFrames {

        private SocketChannel peer;
        private SocketEndpoint endpoint;

        @BeforeEach
        void connect() throws IOException {
            peer = SocketChannel.open(listener.address());
            endpoint = accept();
        }

        @AfterEach
        void close() throws IOException {
            peer.close();
            endpoint.close();
        }

        @Test
        void framesAreABigEndianLengthThenThePayload() throws IOException {
            endpoint.send("hello".getBytes());
            ByteBuffer frame = ByteBuffer.allocate(9);
            while (frame.hasRemaining()) {
                peer.read(frame);
            }
            assertArrayEquals(new byte[] {0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'}, frame.array());
        }

        @Test
        void readsTheLongFormOfTheHeader() throws IOException {
            write(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 2, 'o', 'k');
            assertArrayEquals("ok".getBytes(), (byte[]) endpoint.recvBytes(-1).value());
        }

        @Test
        void endOfStreamInsideTheLengthIsOSError() throws IOException {
            write(0, 0);
            peer.close();
            assertEquals(Reply.error("OSError", "got end of file during message"), endpoint.recvBytes(-1));
        }

        @Test
        void endOfStreamInsideThePayloadIsOSError() throws IOException {
            write(0, 0, 0, 5, 'h', 'e');
            peer.close();
            assertEquals(Reply.error("OSError", "got end of file during message"), endpoint.recvBytes(-1));
        }

        @Test
        void endOfStreamRightAfterTheLengthIsEOFErrorAsInCPython() throws IOException {
            write(0, 0, 0, 5);
            peer.close();
            assertEquals(Reply.error("EOFError", ""), endpoint.recvBytes(-1));
        }

        @ParameterizedTest
        @ValueSource(ints = {-2, Integer.MIN_VALUE})
        void negativeLengthIsABadMessageLength(int length) throws IOException {
            peer.write(ByteBuffer.allocate(4).putInt(0, length));
            assertEquals(Reply.error("OSError", "bad message length"), endpoint.recvBytes(-1));
        }

        @Test
        void longLengthBeyondSignedRangeIsABadMessageLength() throws IOException {
            peer.write(ByteBuffer.allocate(12).putInt(0, -1).putLong(4, -5));
            assertEquals(Reply.error("OSError", "bad message length"), endpoint.recvBytes(-1));
        }

        private void write(int... bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(bytes.length);
            for (int b : bytes) {
                buffer.put((byte) b);
            }
            peer.write(buffer.flip());
        }
    }

    /** Bytes that show where they were cut or mixed up; the first byte is {@code seed}. */
    static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed + i * 31);
        }
        if (length > 0) {
            bytes[0] = (byte) seed;
        }
        return bytes;
    }
}
