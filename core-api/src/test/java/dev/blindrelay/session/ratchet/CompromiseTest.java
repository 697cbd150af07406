package dev.blindrelay.session.ratchet;

import dev.blindrelay.handshake.KeySchedule.DirectionKeys;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.session.StaticCipher;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.CompromiseCheck;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.trace.Tracer;
import org.junit.jupiter.api.Test;

/**
 * The compromise simulation on a test suite (the shipped suites run it in the cli module, through real
 * handshakes): a thief with Bob's state and the relay's recording reads only what lies between the theft and the
 * next steps, and with static keys it reads everything.
 */
class CompromiseTest {

    private static final CipherSuite SUITE = TestSuites.x448Aes128();

    @Test
    void ratchet_forwardSecrecyBeforeTheTheft_postCompromiseSecurityAfterBothStep() throws Exception {
        RatchetPair pair = new RatchetPair(SUITE);
        CompromiseCheck.ratchet(pair.alice, pair.bob);
    }

    @Test
    void staticKeys_theThiefReadsEverything() throws Exception {
        DirectionKeys i2r = new DirectionKeys(RatchetPair.random(16), RatchetPair.random(12));
        DirectionKeys r2i = new DirectionKeys(RatchetPair.random(16), RatchetPair.random(12));
        SecureSession alice = new SecureSession(SUITE, SessionKind.STATIC, "Alice", "Bob", RatchetPair.ROOM,
                new StaticCipher(SUITE.aead(), "Alice", "Bob", i2r, r2i, Tracer.NONE), new byte[32], "", new byte[32]);
        SecureSession bob = new SecureSession(SUITE, SessionKind.STATIC, "Bob", "Alice", RatchetPair.ROOM,
                new StaticCipher(SUITE.aead(), "Bob", "Alice", r2i, i2r, Tracer.NONE), new byte[32], "", new byte[32]);
        CompromiseCheck.staticKeys(alice, bob);
    }
}
