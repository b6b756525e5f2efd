package org.graalmp.connection;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.graalmp.ipc.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests for {@link AuthHandshake}, over in-memory links. */
class AuthHandshakeTests {

    private static final byte[] KEY = bytes("secret");

    private final QueueLinks.Link[] links = QueueLinks.pair();
    private final QueueLinks.Link listener = links[0];
    private final QueueLinks.Link client = links[1];

    @Test
    void listenerAndClientWithTheSameKeyBothSucceed() throws Exception {
        CompletableFuture<Reply> clientSide = async(() -> AuthHandshake.asClient(client, KEY));
        Reply listenerSide = AuthHandshake.asListener(listener, KEY);
        assertAll(
                () -> assertFalse(listenerSide.failed(), listenerSide::toString),
                () -> assertFalse(clientSide.get(10, TimeUnit.SECONDS).failed()));
    }

    @Test
    void wrongKeyFailsOnBothSidesWithCPythonsMessages() throws Exception {
        CompletableFuture<Reply> clientSide = async(() -> AuthHandshake.asClient(client, bytes("guess")));
        Reply listenerSide = AuthHandshake.asListener(listener, KEY);
        Reply clientReply = clientSide.get(10, TimeUnit.SECONDS);
        assertAll(
                () -> assertEquals(Reply.error("AuthenticationError", "digest received was wrong"), listenerSide),
                () -> assertEquals(Reply.error("AuthenticationError", "digest sent was rejected"), clientReply));
    }

    @ParameterizedTest
    @ValueSource(strings = {"md5", "sha256", "sha384", "sha3_256", "sha3_384"})
    void everyDigestCPythonAllowsAuthenticates(String digest) throws Exception {
        CompletableFuture<Reply> answerer = async(() -> AuthHandshake.answerChallenge(client, KEY));
        Reply deliverer = AuthHandshake.deliverChallenge(listener, KEY, digest);
        assertAll(
                () -> assertFalse(deliverer.failed(), deliverer::toString),
                () -> assertFalse(answerer.get(10, TimeUnit.SECONDS).failed()));
    }

    @Test
    void challengeNamesItsDigestAndTheAnswerToo() throws Exception {
        CompletableFuture<Reply> deliverer = async(() -> AuthHandshake.deliverChallenge(listener, KEY, "sha256"));
        byte[] challenge = (byte[]) client.receive(256).value();
        assertAll(
                () -> assertTrue(ascii(challenge).startsWith("#CHALLENGE#{sha256}"), ascii(challenge)),
                () -> assertEquals("#CHALLENGE#{sha256}".length() + AuthHandshake.MESSAGE_LENGTH, challenge.length));
        client.close();
        assertEquals("EOFError", deliverer.get(10, TimeUnit.SECONDS).errorType());
    }

    @Test
    void answersALegacyTwentyByteChallengeWithABareHmacMd5() throws Exception {
        byte[] challenge = new byte[20];
        for (int i = 0; i < challenge.length; i++) {
            challenge[i] = (byte) i;
        }
        CompletableFuture<Reply> answerer = async(() -> AuthHandshake.answerChallenge(client, bytes("key")));
        listener.send(concat(AuthHandshake.CHALLENGE, challenge));
        byte[] answer = (byte[]) listener.receive(256).value();
        listener.send(AuthHandshake.WELCOME);
        assertAll(
                // python3 -c "import hmac; print(hmac.new(b'key', bytes(range(20)), 'md5').hexdigest())"
                () -> assertEquals("5b2709aec5bcecbd08bd1f92d77ecea1", HexFormat.of().formatHex(answer)),
                () -> assertFalse(answerer.get(10, TimeUnit.SECONDS).failed()));
    }

    @Test
    void anEmptyKeyIsHmacsEmptyKey() throws Exception {
        CompletableFuture<Reply> answerer = async(() -> AuthHandshake.answerChallenge(client, new byte[0]));
        listener.send(concat(AuthHandshake.CHALLENGE, new byte[20]));
        byte[] answer = (byte[]) listener.receive(256).value();
        listener.send(AuthHandshake.WELCOME);
        // python3 -c "import hmac; print(hmac.new(b'', bytes(20), 'md5').hexdigest())"
        assertEquals("2ac4f743240642b46f8c308c352b7689", HexFormat.of().formatHex(answer));
        assertFalse(answerer.get(10, TimeUnit.SECONDS).failed());
    }

    @Test
    void acceptsTheBareHmacMd5AnswerOfALegacyPeer() throws Exception {
        // A Python 3.11 answerer takes the whole prefixed challenge as its message.
        CompletableFuture<Reply> deliverer = async(() -> AuthHandshake.deliverChallenge(listener, KEY, "sha256"));
        byte[] challenge = (byte[]) client.receive(256).value();
        byte[] message = Arrays.copyOfRange(challenge, AuthHandshake.CHALLENGE.length, challenge.length);
        client.send(hmacMd5(KEY, message));
        assertAll(
                () -> assertArrayEquals(AuthHandshake.WELCOME, (byte[]) client.receive(256).value()),
                () -> assertFalse(deliverer.get(10, TimeUnit.SECONDS).failed()));
    }

    @Test
    void refusesAMessageThatIsNotAChallenge() {
        listener.send(bytes("nonsense"));
        assertEquals(Reply.error("AuthenticationError", "Protocol error, expected challenge: message=b'nonsense'"),
                AuthHandshake.answerChallenge(client, KEY));
    }

    @Test
    void refusesAShortChallenge() {
        listener.send(bytes("#CHALLENGE#short"));
        assertEquals(Reply.error("AuthenticationError", "challenge too short: 5 bytes"),
                AuthHandshake.answerChallenge(client, KEY));
    }

    @Test
    void refusesAChallengeForADigestCPythonDoesNotAllow() throws Exception {
        CompletableFuture<Reply> deliverer = async(() -> AuthHandshake.deliverChallenge(listener, KEY, "sha1"));
        Reply answer = AuthHandshake.answerChallenge(client, KEY);
        client.close();
        assertAll(
                () -> assertEquals("AuthenticationError", answer.errorType()),
                // repr() quotes with " when the random challenge holds a '
                () -> assertTrue(answer.message().matches("(?s)unsupported message length, missing digest prefix, "
                        + "or unsupported digest: message=b['\"]\\{sha1}.*"), answer.message()),
                () -> assertEquals("EOFError", deliverer.get(10, TimeUnit.SECONDS).errorType()));
    }

    @Test
    void answerOfTheWrongLengthIsRefusedWithFailure() throws Exception {
        CompletableFuture<Reply> deliverer = async(() -> AuthHandshake.deliverChallenge(listener, KEY, "sha256"));
        client.receive(256);
        client.send(bytes("{sha256}abc"));
        assertAll(
                () -> assertArrayEquals(AuthHandshake.FAILURE, (byte[]) client.receive(256).value()),
                () -> assertEquals(Reply.error("AuthenticationError", "expected 'sha256' of length 32 got 3"),
                        deliverer.get(10, TimeUnit.SECONDS)));
    }

    @Test
    void oversizedHandshakeMessageIsABadMessageLength() {
        listener.send(new byte[300]);
        assertEquals(Reply.error("OSError", "bad message length"), AuthHandshake.answerChallenge(client, KEY));
    }

    @Test
    void peerLeavingMidHandshakeIsEndOfFile() {
        listener.close();
        assertEquals(Reply.error("EOFError", ""), AuthHandshake.answerChallenge(client, KEY));
    }

    private static CompletableFuture<Reply> async(Supplier<Reply> side) {
        return CompletableFuture.supplyAsync(side);
    }

    private static byte[] hmacMd5(byte[] key, byte[] message) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacMD5");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacMD5"));
        return mac.doFinal(message);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
