package org.graalmp.connection;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.graalmp.ipc.Reply;

/**
 * The authkey handshake of {@code multiprocessing.connection} as Python 3.12 speaks it, which
 * also interoperates with the HMAC-MD5-only peers of Python 3.11 and older. Each side proves it
 * holds the key by answering the other's random challenge with an HMAC of it.
 *
 * <p>Overview of one direction ({@link #deliverChallenge} against {@link #answerChallenge}):
 * <pre>
 *   deliverer                                     answerer
 *   "#CHALLENGE#" + "{sha256}" + 40 random  --->
 *                                           <---  "{sha256}" + HMAC-SHA256(key, challenge)
 *   "#WELCOME#", or "#FAILURE#" and raise   --->  raise unless "#WELCOME#"
 * </pre>
 * The challenge is what follows "#CHALLENGE#", its digest prefix included. A challenge of
 * exactly 20 bytes comes from an old peer: the answer is then a bare 16-byte HMAC-MD5, and a
 * bare 16-byte answer is likewise checked as HMAC-MD5; an old answerer replies so to a new
 * challenge, which is why a new deliverer accepts it. Every message read is limited to 256
 * bytes. Failures are {@code AuthenticationError} replies with CPython's messages; a failure of
 * the connection itself comes back as the connection reported it.
 *
 * <p>Stateless and thread-safe; the connection must not be used by others meanwhile.
 */
public final class AuthHandshake {

    static final int MESSAGE_LENGTH = 40;
    static final int LEGACY_CHALLENGE_LENGTH = 20;
    static final int MD5_LENGTH = 16;
    static final int MAX_HANDSHAKE_MESSAGE = 256;
    static final String DEFAULT_DIGEST = "sha256";

    static final byte[] CHALLENGE = ascii("#CHALLENGE#");
    static final byte[] WELCOME = ascii("#WELCOME#");
    static final byte[] FAILURE = ascii("#FAILURE#");

    /** The digests a peer may name, by Python name, with the JDK's name of their HMAC. */
    private static final Map<String, String> HMACS = Map.of(
            "md5", "HmacMD5",
            "sha256", "HmacSHA256",
            "sha384", "HmacSHA384",
            "sha3_256", "HmacSHA3-256",
            "sha3_384", "HmacSHA3-384");
    private static final int MAX_DIGEST_NAME = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AuthHandshake() {
    }

    /** What {@code Listener.accept()} does with a key: challenge the client, then answer it. */
    public static Reply asListener(MessageLink link, byte[] key) {
        Reply delivered = deliverChallenge(link, key, DEFAULT_DIGEST);
        return delivered.failed() ? delivered : answerChallenge(link, key);
    }

    /** What {@code Client()} does with a key: answer the listener, then challenge it. */
    public static Reply asClient(MessageLink link, byte[] key) {
        Reply answered = answerChallenge(link, key);
        return answered.failed() ? answered : deliverChallenge(link, key, DEFAULT_DIGEST);
    }

    /** Challenges the peer; sends "#FAILURE#" and fails if its answer is not right. */
    public static Reply deliverChallenge(MessageLink link, byte[] key, String digestName) {
        byte[] random = new byte[MESSAGE_LENGTH];
        RANDOM.nextBytes(random);
        byte[] challenge = concat(ascii("{" + digestName + "}"), random);
        Reply sent = link.send(concat(CHALLENGE, challenge));
        if (sent.failed()) {
            return sent;
        }
        Reply response = link.receive(MAX_HANDSHAKE_MESSAGE);
        if (response.failed()) {
            return response;
        }
        String wrong = checkResponse(key, challenge, (byte[]) response.value());
        if (wrong != null) {
            Reply refused = link.send(FAILURE);
            return refused.failed() ? refused : authenticationError(wrong);
        }
        return link.send(WELCOME);
    }

    /** Answers the peer's challenge; fails unless the peer then welcomes the answer. */
    public static Reply answerChallenge(MessageLink link, byte[] key) {
        Reply received = link.receive(MAX_HANDSHAKE_MESSAGE);
        if (received.failed()) {
            return received;
        }
        byte[] message = (byte[]) received.value();
        if (!startsWith(message, CHALLENGE)) {
            return authenticationError("Protocol error, expected challenge: message=" + BytesRepr.of(message));
        }
        byte[] challenge = Arrays.copyOfRange(message, CHALLENGE.length, message.length);
        if (challenge.length < LEGACY_CHALLENGE_LENGTH) {
            return authenticationError("challenge too short: " + challenge.length + " bytes");
        }
        Prefixed prefixed = Prefixed.parse(challenge);
        if (prefixed == null) {
            return authenticationError(unsupported(challenge));
        }
        // A legacy challenge gets a bare HMAC-MD5; otherwise the answer names its digest.
        byte[] answer = prefixed.digest().isEmpty()
                ? hmac("md5", key, challenge)
                : concat(ascii("{" + prefixed.digest() + "}"), hmac(prefixed.digest(), key, challenge));
        Reply sent = link.send(answer);
        if (sent.failed()) {
            return sent;
        }
        Reply verdict = link.receive(MAX_HANDSHAKE_MESSAGE);
        if (verdict.failed()) {
            return verdict;
        }
        return Arrays.equals((byte[]) verdict.value(), WELCOME)
                ? Reply.ok(null)
                : authenticationError("digest sent was rejected");
    }

    /** Null if {@code response} is a right answer to {@code challenge}, else why not. */
    private static String checkResponse(byte[] key, byte[] challenge, byte[] response) {
        Prefixed prefixed = Prefixed.parse(response);
        if (prefixed == null) {
            return unsupported(response);
        }
        String digest = prefixed.digest().isEmpty() ? "md5" : prefixed.digest();
        byte[] expected = hmac(digest, key, challenge);
        if (expected.length != prefixed.payload().length) {
            return "expected '" + digest + "' of length " + expected.length + " got " + prefixed.payload().length;
        }
        return MessageDigest.isEqual(expected, prefixed.payload()) ? null : "digest received was wrong";
    }

    /**
     * A handshake message split into the digest its {@code {name}} prefix names and the rest; the
     * digest is empty for a legacy message (20 or 16 bytes, no prefix).
     */
    private record Prefixed(String digest, byte[] payload) {

        /** Null if the message is neither legacy nor prefixed with an allowed digest. */
        static Prefixed parse(byte[] message) {
            if (message.length == LEGACY_CHALLENGE_LENGTH || message.length == MD5_LENGTH) {
                return new Prefixed("", message);
            }
            if (message.length == 0 || message[0] != '{') {
                return null;
            }
            int end = Math.min(message.length, MAX_DIGEST_NAME + 2);
            for (int close = 1; close < end; close++) {
                if (message[close] == '}') {
                    String name = new String(message, 1, close - 1, StandardCharsets.ISO_8859_1);
                    return HMACS.containsKey(name)
                            ? new Prefixed(name, Arrays.copyOfRange(message, close + 1, message.length))
                            : null;
                }
            }
            return null;
        }
    }

    private static String unsupported(byte[] message) {
        return "unsupported message length, missing digest prefix, or unsupported digest: message="
                + BytesRepr.of(message);
    }

    private static byte[] hmac(String digest, byte[] key, byte[] message) {
        String algorithm = HMACS.get(digest);
        try {
            Mac mac = Mac.getInstance(algorithm);
            // The JDK refuses an empty key; HMAC pads short keys with zero bytes, so one zero
            // byte is the same key as none.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    private static Reply authenticationError(String message) {
        return Reply.error("AuthenticationError", message);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
