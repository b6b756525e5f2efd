package org.graalmp.reliability;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLongArray;
import org.graalmp.connection.AuthHandshake;
import org.graalmp.connection.MessageLink;
import org.graalmp.connection.SocketEndpoint;
import org.graalmp.connection.SocketListener;
import org.graalmp.ipc.CallFrames;
import org.graalmp.ipc.Handshake;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.WireValues;
import org.graalmp.launch.ChildInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every decoder of bytes that come from another process: the hub's call frames
 * ({@link CallFrames}, {@link WireValues}), a child JVM's input: warm-up requests and the spawn payload ({@link ChildInput}), both
 * handshakes ({@link Handshake}, {@link AuthHandshake}) and a socket Connection's frames
 * ({@link SocketEndpoint}, over a real Unix-domain socket). The contract: a decoder returns a
 * value or throws {@link IOException} (the socket endpoint and {@link AuthHandshake} answer a
 * failed {@link Reply} instead); never an {@code OutOfMemoryError},
 * {@code NegativeArraySizeException}, {@code ClassCastException} or other surprise, and never
 * a hang.
 *
 * <p>An input's first byte picks the decoder; the rest is what the peer sent. One fuzz test
 * serves them all because Jazzer fuzzes a single fuzz test per run. Normal test run: Jazzer's
 * regression mode over the seeds in {@code WireDecoderFuzzITInputs} (valid frames of each
 * kind, past findings), plus a short burst of seeded random mutations of them
 * ({@link #randomMutationsOfTheSeedsKeepTheContract}). Coverage-guided fuzzing: under
 * {@code mvn -B verify -Pstress}, which sets {@code JAZZER_FUZZ}; the run prints how many
 * inputs each decoder got.
 */
class WireDecoderFuzzIT {

    private static final String[] DECODERS = {
        "callFrames", "response", "wireValues", "childInput", "hubHandshake", "authHandshake", "socketFrames"};
    private static final AtomicLongArray EXECUTIONS = new AtomicLongArray(DECODERS.length);
    private static final byte[] KEY = "fuzzing key".getBytes();
    /** Bytes a socket input is cut to, so that writing it never waits for the reader. */
    private static final int MAX_SOCKET_INPUT = 64 * 1024;

    private static SocketPeer socketPeer;

    @FuzzTest(maxDuration = "5m")
    void decodersKeepTheirContract(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        int decoder = Math.floorMod(input[0], DECODERS.length);
        byte[] peer = Arrays.copyOfRange(input, 1, input.length);
        EXECUTIONS.incrementAndGet(decoder);
        try {
            decode(decoder, peer);
        } catch (IOException expected) {
            // the documented failure of every stream decoder
        }
    }

    /** The normal run's short burst: mutations of each seed, the same every run. */
    @Test
    void randomMutationsOfTheSeedsKeepTheContract() throws Exception {
        Random random = new Random(20261123);
        Path seeds = Path.of(WireDecoderFuzzIT.class.getResource("WireDecoderFuzzITInputs").toURI())
                .resolve("decodersKeepTheirContract");
        try (var files = Files.list(seeds)) {
            for (Path seed : files.sorted().toList()) {
                byte[] original = Files.readAllBytes(seed);
                for (int i = 0; i < 300; i++) {
                    decodersKeepTheirContract(mutate(original, random));
                }
            }
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] input = Arrays.copyOf(seed, Math.max(1, random.nextInt(seed.length + 8)));
        input[0] = seed[0];  // keep the decoder
        for (int flips = random.nextInt(4); flips > 0 && input.length > 1; flips--) {
            input[1 + random.nextInt(input.length - 1)] = (byte) random.nextInt(256);
        }
        return input;
    }

    private static void decode(int decoder, byte[] peer) throws Exception {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(peer));
        switch (DECODERS[decoder]) {
            case "callFrames" -> {
                for (byte[] frame; (frame = CallFrames.readFrame(in)) != null; ) {
                    assertNotNull(CallFrames.decodeRequest(frame).method());
                }
            }
            case "response" -> assertNotNull(CallFrames.decodeResponse(peer).reply());
            case "wireValues" -> {
                while (in.available() > 0) {
                    WireValues.read(in, peer.length);
                }
            }
            case "childInput" -> {
                while (in.available() > 0) {
                    assertNotNull(ChildInput.read(in));
                }
            }
            case "hubHandshake" -> {
                DataOutputStream out = new DataOutputStream(new ByteArrayOutputStream());
                if (peer.length % 2 == 0) {
                    Handshake.asServer(in, out, KEY);
                } else {
                    Handshake.asClient(in, out, KEY);
                }
            }
            case "authHandshake" -> authHandshake(peer);
            case "socketFrames" -> socketFrames(peer);
            default -> throw new IllegalStateException(DECODERS[decoder]);
        }
    }

    /** The peer's messages are length-prefixed by one byte; both roles must answer a Reply. */
    private static void authHandshake(byte[] peer) {
        assertNotNull(AuthHandshake.answerChallenge(new ScriptedLink(peer), KEY));
        assertNotNull(AuthHandshake.deliverChallenge(new ScriptedLink(peer), KEY, "sha256"));
    }

    /** A handshake peer that answers with the next of its scripted messages, then EOFError. */
    private static final class ScriptedLink implements MessageLink {
        private final ByteBuffer script;

        ScriptedLink(byte[] peer) {
            this.script = ByteBuffer.wrap(peer);
        }

        @Override
        public Reply send(byte[] message) {
            return Reply.ok(null);
        }

        @Override
        public Reply receive(long maxLength) {
            if (!script.hasRemaining()) {
                return Reply.error("EOFError", "");
            }
            byte[] message = new byte[Math.min(script.get() & 0xff, script.remaining())];
            script.get(message);
            return message.length > maxLength ? Reply.error("OSError", "bad message length") : Reply.ok(message);
        }
    }

    /** Writes the bytes to a real socket; the endpoint reads frames until it reports a failure. */
    private static void socketFrames(byte[] peer) throws IOException {
        SocketPeer sockets = socketPeer();
        try (SocketChannel writer = SocketChannel.open(sockets.listener().address());
             SocketEndpoint reader = sockets.listener().accept(endpoint -> { })) {
            writer.write(ByteBuffer.wrap(peer, 0, Math.min(peer.length, MAX_SOCKET_INPUT)));
            writer.shutdownOutput();
            for (int frames = 0; frames <= peer.length; frames++) {
                if (reader.recvBytes(-1).failed()) {
                    return;
                }
            }
            throw new AssertionError("more frames than bytes");
        }
    }

    private record SocketPeer(Path folder, SocketListener listener, ExecutorService watchers) {
    }

    private static synchronized SocketPeer socketPeer() {
        if (socketPeer == null) {
            try {
                Path folder = Files.createTempDirectory("graalmp-fuzz-");
                ExecutorService watchers = Executors.newCachedThreadPool();
                SocketListener listener = SocketListener.bind(
                        UnixDomainSocketAddress.of(folder.resolve("s")), 16, watchers);
                socketPeer = new SocketPeer(folder, listener, watchers);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return socketPeer;
    }

    @AfterAll
    static void report() throws IOException {
        StringBuilder counts = new StringBuilder("WireDecoderFuzzIT executions:");
        for (int i = 0; i < DECODERS.length; i++) {
            counts.append(' ').append(DECODERS[i]).append('=').append(EXECUTIONS.get(i));
        }
        System.out.println(counts);
        if (socketPeer != null) {
            socketPeer.listener().close();
            socketPeer.watchers().shutdownNow();
            Files.deleteIfExists(socketPeer.folder());
            socketPeer = null;
        }
    }
}
