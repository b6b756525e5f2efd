package org.graalmp.connection;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.graalmp.ipc.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * graalmp's sockets and handshake against the machine's {@code python3} (CPython 3.11, whose
 * handshake is the older HMAC-MD5 one) as the peer, in both directions.
 */
class CPythonInteropTests {

    private static final byte[] KEY = "shared secret".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path folder;

    private final ExecutorService watchers = Executors.newCachedThreadPool();

    @BeforeAll
    static void needsPython3() {
        try {
            assumeTrue(new ProcessBuilder("python3", "-c", "").start().waitFor() == 0, "python3 runs");
        } catch (IOException | InterruptedException e) {
            assumeTrue(false, "python3 is not available: " + e);
        }
    }

    @AfterEach
    void stop() {
        watchers.shutdownNow();
    }

    @Test
    void cpythonClientWithTheKeyTalksToAGraalmpListener() throws Exception {
        try (SocketListener listener = loopbackListener()) {
            Process python = python(clientScript(), port(listener), "shared secret");
            try (SocketEndpoint connection = listener.accept(endpoint -> { })) {
                assertFalse(AuthHandshake.asListener(connection, KEY).failed());
                assertArrayEquals("hello from 3.11".getBytes(), (byte[]) connection.recvBytes(-1).value());
                byte[] big = SocketEndpointTests.pattern(3_000_000, 5);
                assertFalse(connection.send(big).failed());
                assertArrayEquals(big, (byte[]) connection.recvBytes(-1).value(), "echoed");
            }
            assertEquals("done", finish(python));
        }
    }

    @Test
    void cpythonClientWithTheWrongKeyIsRejected() throws Exception {
        try (SocketListener listener = loopbackListener()) {
            Process python = python(clientScript(), port(listener), "a guess");
            try (SocketEndpoint connection = listener.accept(endpoint -> { })) {
                assertEquals(Reply.error("AuthenticationError", "digest received was wrong"),
                        AuthHandshake.asListener(connection, KEY));
            }
            assertEquals("AuthenticationError: digest sent was rejected", finish(python));
        }
    }

    @Test
    void graalmpClientTalksToACPythonListener() throws Exception {
        Path socket = folder.resolve("listener");
        Process python = python(listenerScript(), socket.toString(), "shared secret");
        awaitReady(python);
        try (SocketEndpoint connection = connect(UnixDomainSocketAddress.of(socket))) {
            assertFalse(AuthHandshake.asClient(connection, KEY).failed());
            byte[] message = SocketEndpointTests.pattern(100_000, 9);
            connection.send(message);
            assertArrayEquals(message, (byte[]) connection.recvBytes(-1).value());
            connection.send(new byte[0]);
            assertArrayEquals(new byte[0], (byte[]) connection.recvBytes(-1).value());
        }
        assertEquals("done", finish(python));
    }

    @Test
    void graalmpClientWithTheWrongKeyIsRejectedByACPythonListener() throws Exception {
        Path socket = folder.resolve("listener");
        Process python = python(listenerScript(), socket.toString(), "shared secret");
        awaitReady(python);
        try (SocketEndpoint connection = connect(UnixDomainSocketAddress.of(socket))) {
            assertEquals(Reply.error("AuthenticationError", "digest sent was rejected"),
                    AuthHandshake.asClient(connection, "a guess".getBytes()));
        }
        assertEquals("AuthenticationError: digest received was wrong", finish(python));
    }

    @Test
    void anEmptyKeyAuthenticatesBothWays() throws Exception {
        // CPython 3.11's Listener skips the handshake for b''; its functions do not.
        String script = """
                import sys
                from multiprocessing.connection import Client, answer_challenge, deliver_challenge
                c = Client(('127.0.0.1', int(sys.argv[1])))
                answer_challenge(c, b'')
                deliver_challenge(c, b'')
                print('done')
                """;
        try (SocketListener listener = loopbackListener()) {
            Process python = python(script, port(listener), "");
            try (SocketEndpoint connection = listener.accept(endpoint -> { })) {
                Reply reply = AuthHandshake.asListener(connection, new byte[0]);
                assertFalse(reply.failed(), reply::toString);
            }
            assertEquals("done", finish(python));
        }
    }

    private static String clientScript() {
        return """
                import sys
                from multiprocessing import AuthenticationError
                from multiprocessing.connection import Client
                try:
                    c = Client(('127.0.0.1', int(sys.argv[1])), authkey=sys.argv[2].encode())
                except AuthenticationError as e:
                    print('AuthenticationError:', e)
                    sys.exit()
                c.send_bytes(b'hello from 3.11')
                c.send_bytes(c.recv_bytes())
                c.close()
                print('done')
                """;
    }

    private static String listenerScript() {
        return """
                import sys
                from multiprocessing import AuthenticationError
                from multiprocessing.connection import Listener
                with Listener(sys.argv[1], authkey=sys.argv[2].encode()) as listener:
                    print('ready', flush=True)
                    try:
                        c = listener.accept()
                    except AuthenticationError as e:
                        print('AuthenticationError:', e)
                        sys.exit()
                    while True:
                        try:
                            c.send_bytes(c.recv_bytes())
                        except EOFError:
                            break
                print('done')
                """;
    }

    private SocketListener loopbackListener() throws IOException {
        return SocketListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, watchers);
    }

    private SocketEndpoint connect(SocketAddress address) throws IOException {
        return SocketEndpoint.connect(address, watchers, endpoint -> { });
    }

    private static String port(SocketListener listener) {
        return String.valueOf(((InetSocketAddress) listener.address()).getPort());
    }

    private static Process python(String script, String... args) throws IOException {
        String[] command = new String[args.length + 3];
        command[0] = "python3";
        command[1] = "-c";
        command[2] = script;
        System.arraycopy(args, 0, command, 3, args.length);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads the peer's "ready" line byte by byte, leaving the rest of its output for finish(). */
    private static void awaitReady(Process python) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = python.getInputStream().read()) >= 0 && b != '\n'; ) {
            line.append((char) b);
        }
        assertEquals("ready", line.toString());
    }

    /** The python3 peer's last line of output, once it has exited successfully. */
    private static String finish(Process python) throws Exception {
        assertTrue(python.waitFor(30, TimeUnit.SECONDS), "python3 finished");
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertAll(() -> assertEquals(0, python.exitValue(), out));
        return out.lines().reduce((first, second) -> second).orElse("");
    }
}
