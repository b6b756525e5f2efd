package org.graalmp.ipc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.graalmp.queue.SharedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests for {@link HubServer} and {@link HubClient}: handshake, calls, bad frames, cleanup. */
class HubTests {

    private ObjectRegistry registry;
    private HubServer hub;

    @BeforeEach
    void startHub() throws Exception {
        registry = new ObjectRegistry(Map.of(
                "queue", (args, lookup) -> new SharedQueue(0),
                "slow counter", (args, lookup) -> new SlowCounter()));
        hub = new HubServer(registry);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void socketLivesInAFolderOnlyItsOwnerCanEnter() throws Exception {
        Path folder = Path.of(hub.address()).getParent();
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE), Files.getPosixFilePermissions(folder));
    }

    @Test
    void clientWithTheKeyCreatesAndUsesAQueue() throws Exception {
        try (HubClient client = new HubClient(hub.address(), hub.key())) {
            long id = (Long) client.call(CallFrames.REGISTRY, "create", "queue").value();
            byte[] item = {1, 2, (byte) 0xff};
            assertFalse(client.call(id, "put", item, true, null).failed());
            Reply got = client.call(id, "get", true, null);
            Reply empty = client.call(id, "get", true, 0.05);
            assertAll(
                    () -> assertArrayEquals(item, (byte[]) got.value()),
                    () -> assertEquals("queue.Empty", empty.errorType()));
        }
    }

    @Test
    void clientWithAWrongKeyIsRefused() {
        byte[] wrong = new byte[32];
        assertThrows(Handshake.AuthenticationFailure.class, () -> new HubClient(hub.address(), wrong).close());
    }

    @Test
    void malformedFrameDropsOnlyThatConnection() throws Exception {
        try (SocketChannel rogue = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            rogue.connect(UnixDomainSocketAddress.of(hub.address()));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(rogue));
            out.writeInt(-5);  // not even a handshake answer, nor a length
            out.write(new byte[64]);
            out.flush();
        }
        try (HubClient client = new HubClient(hub.address(), hub.key())) {
            assertTrue(client.call(CallFrames.REGISTRY, "create", "queue").value() instanceof Long);
        }
    }

    /** Frames an authenticated peer might send by mistake: a bad length, a cut body, garbage in a whole frame. */
    @ParameterizedTest
    @ValueSource(strings = {"ffffffff", "7fffffff00", "0000001000", "0000000c" + "0000000000000001" + "00000000"})
    void garbageAfterTheHandshakeDropsThatConnectionLogsItAndServesOthers(String hex) throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(HubServer.class.getName());
        log.addHandler(handler);
        try (HubClient other = new HubClient(hub.address(), hub.key());
             SocketChannel rogue = SocketChannel.open(UnixDomainSocketAddress.of(hub.address()))) {
            long queue = (Long) other.call(CallFrames.REGISTRY, "create", "queue").value();
            DataInputStream in = new DataInputStream(Channels.newInputStream(rogue));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(rogue));
            Handshake.asClient(in, out, hub.key());
            out.writeLong(ProcessHandle.current().pid());
            out.write(HexFormat.of().parseHex(hex));
            out.flush();
            rogue.shutdownOutput();
            assertEquals(-1, in.read(), "the hub closed the rogue connection");
            assertAll(
                    () -> assertFalse(other.call(queue, "put", new byte[] {7}, true, null).failed()),
                    () -> assertArrayEquals(new byte[] {7}, (byte[]) other.call(queue, "get", true, null).value()),
                    () -> assertTrue(logged.stream().anyMatch(line -> line.startsWith("graalmp hub dropped a connection")),
                            logged.toString()));
        } finally {
            log.removeHandler(handler);
        }
    }

    @Test
    void closeRemovesTheSocketAndItsFolder() {
        Path socket = Path.of(hub.address());
        hub.close();
        assertAll(
                () -> assertFalse(Files.exists(socket)),
                () -> assertFalse(Files.exists(socket.getParent())));
    }

    @Test
    void postedCallsRunInTheOrderSentAndBeforeLaterCalls() throws Exception {
        try (HubClient client = new HubClient(hub.address(), hub.key())) {
            long id = (Long) client.call(CallFrames.REGISTRY, "create", "queue").value();
            for (int i = 0; i < 200; i++) {
                client.post(id, "put", new byte[] {(byte) i}, true, null);
            }
            Reply size = client.call(id, "qsize");
            byte[] order = new byte[200];
            for (int i = 0; i < 200; i++) {
                order[i] = ((byte[]) client.call(id, "get", false, null).value())[0];
            }
            byte[] expected = new byte[200];
            for (int i = 0; i < 200; i++) {
                expected[i] = (byte) i;
            }
            assertAll(
                    () -> assertEquals(200L, size.value()),
                    () -> assertArrayEquals(expected, order));
        }
    }

    @Test
    void aPostedCallReachesTheHubWithoutALaterCall() throws Exception {
        try (HubClient client = new HubClient(hub.address(), hub.key())) {
            long id = (Long) client.call(CallFrames.REGISTRY, "create", "queue").value();
            client.post(id, "put", new byte[] {7}, true, null);
            Reply item = registry.call(id, "get", new Object[] {true, 30.0}, SharedObject.Caller.ROOT);
            assertArrayEquals(new byte[] {7}, (byte[]) item.value(), () -> "got " + item);
        }
    }

    @Test
    void closeReturnsOnceTheHubHasRunEveryPostedCall() throws Exception {
        long id;
        try (HubClient client = new HubClient(hub.address(), hub.key())) {
            id = (Long) client.call(CallFrames.REGISTRY, "create", "slow counter").value();
            for (int i = 0; i < 50; i++) {
                client.post(id, "count");  // the hub takes 2 ms over each
            }
        }
        assertEquals(50L, registry.call(id, "read", new Object[0], SharedObject.Caller.ROOT).value());
    }

    /** Counts "count" calls, each answered at once but slowly; "read" tells the count. */
    private static final class SlowCounter implements SharedObject {
        private final AtomicLong count = new AtomicLong();

        @Override
        public Reply call(String method, Object[] args, Caller caller) {
            return Reply.ok(count.get());
        }

        @Override
        public Reply callNow(String method, Object[] args, Caller caller) {
            if (!method.equals("count")) {
                return null;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.ok(count.incrementAndGet());
        }
    }
}
