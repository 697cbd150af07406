package dev.blindrelay.session.ratchet;

import dev.blindrelay.session.Opened;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.trace.Tracer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Two ratcheting sessions that start from the same (random) keys, as a handshake would leave them: Alice the
 * initiator, Bob the responder. Frames go between them by hand, so a test decides what the relay does.
 */
final class RatchetPair {

    static final String ROOM = "lobby";
    private static final SecureRandom RANDOM = new SecureRandom();

    final SecureSession alice;
    final SecureSession bob;

    RatchetPair(CipherSuite suite, SessionOptions options, Tracer tracer) throws GeneralSecurityException {
        int h = suite.kdf().hashLength();
        RatchetKeys keys = new RatchetKeys(random(h), random(h), random(h));
        try {
            alice = session(suite, true, "Alice", "Bob", keys, options, tracer);
            bob = session(suite, false, "Bob", "Alice", keys, options, tracer);
        } finally {
            keys.destroy();
        }
    }

    /** Steps at every turn (no interval), the default bound of skipped keys. */
    RatchetPair(CipherSuite suite) throws GeneralSecurityException {
        this(suite, SessionOptions.defaults().withStepInterval(Duration.ZERO), Tracer.NONE);
    }

    private static SecureSession session(CipherSuite suite, boolean initiator, String self, String peer,
                                         RatchetKeys keys, SessionOptions options, Tracer tracer)
            throws GeneralSecurityException {
        return new SecureSession(suite, SessionKind.RATCHET, self, peer, ROOM,
                DoubleRatchet.start(suite, initiator, self, peer, keys, options, tracer), new byte[32], "0000 0000 0000",
                new byte[32]);
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] seal(SecureSession from, String text) throws GeneralSecurityException {
        return from.seal(text.getBytes(StandardCharsets.UTF_8));
    }

    static Opened open(SecureSession at, byte[] frame) throws GeneralSecurityException {
        return at.open(TestFrames.header(frame), frame);
    }

    static String text(Opened opened) {
        return new String(opened.plaintext(), StandardCharsets.UTF_8);
    }

    /** The ratchet fields of a DATA frame. */
    static RatchetHeader fields(byte[] frame) throws GeneralSecurityException {
        return RatchetHeader.read(frame, TestFrames.header(frame).bodyOffset(), frame.length - 16, "peer");
    }
}
