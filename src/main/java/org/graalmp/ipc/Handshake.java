package org.graalmp.ipc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mutual authentication with a shared key, in the manner of CPython's
 * {@code deliver_challenge}/{@code answer_challenge}: each side sends a random challenge and
 * checks that the other answers with HMAC-SHA256(key, challenge). Nothing else is read from a
 * peer until both answers are right.
 */
public final class Handshake {

    private static final int CHALLENGE_LENGTH = 32;
    private static final byte[] WELCOME = {'#', 'W', 'E', 'L', 'C', 'O', 'M', 'E', '#'};
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {
    }

    /** Server side: challenge the peer first, then answer its challenge. */
    public static void asServer(DataInputStream in, DataOutputStream out, byte[] key) throws IOException {
        challenge(in, out, key);
        answer(in, out, key);
    }

    /** Client side: answer the server's challenge, then challenge it. */
    public static void asClient(DataInputStream in, DataOutputStream out, byte[] key) throws IOException {
        answer(in, out, key);
        challenge(in, out, key);
    }

    private static void challenge(DataInputStream in, DataOutputStream out, byte[] key) throws IOException {
        byte[] challenge = new byte[CHALLENGE_LENGTH];
        RANDOM.nextBytes(challenge);
        out.write(challenge);
        out.flush();
        byte[] response = in.readNBytes(32);
        if (!MessageDigest.isEqual(response, hmac(key, challenge))) {
            out.write(new byte[WELCOME.length]);
            out.flush();
            throw new AuthenticationFailure("digest received was wrong");
        }
        out.write(WELCOME);
        out.flush();
    }

    private static void answer(DataInputStream in, DataOutputStream out, byte[] key) throws IOException {
        byte[] challenge = in.readNBytes(CHALLENGE_LENGTH);
        if (challenge.length != CHALLENGE_LENGTH) {
            throw new AuthenticationFailure("connection closed during the handshake");
        }
        out.write(hmac(key, challenge));
        out.flush();
        if (!MessageDigest.isEqual(in.readNBytes(WELCOME.length), WELCOME)) {
            throw new AuthenticationFailure("digest sent was rejected");
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The peer does not hold the key (CPython: AuthenticationError). */
    public static final class AuthenticationFailure extends IOException {
        AuthenticationFailure(String message) {
            super(message);
        }
    }
}
