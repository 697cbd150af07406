package dev.blindrelay.cli.compare;

import dev.blindrelay.handshake.HandshakeContext;
import dev.blindrelay.handshake.HandshakeFinish;
import dev.blindrelay.handshake.HandshakeInit;
import dev.blindrelay.handshake.HandshakeResponse;
import dev.blindrelay.handshake.Initiator;
import dev.blindrelay.handshake.Responder;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.trace.Tracer;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * The real three-message handshake between two parties in one process, with no relay and no network:
 * the same {@link Initiator} and {@link Responder} code a chat runs, minus the I/O, so its cost is the
 * cryptography alone (ephemeral key pairs, agreement, key schedule, signatures and confirmations).
 *
 * @param alice the initiator's long-term identity (made once: a real client loads it from disk)
 * @param bob   the responder's
 */
record InMemoryHandshake(IdentityKeyPair alice, IdentityKeyPair bob) {

    /** Names as in the demo; they travel in every envelope, so they count in the bytes on the wire. */
    static final String INITIATOR = "Alice";
    static final String RESPONDER = "Bob";
    static final String ROOM = "lobby";

    static InMemoryHandshake withFreshIdentities() {
        SecureRandom random = new SecureRandom();
        return new InMemoryHandshake(IdentityKeyPair.generate(random), IdentityKeyPair.generate(random));
    }

    /** Runs one complete handshake under {@code suite}, for a session of the default kind (a ratchet). */
    Result run(CipherSuite suite) throws GeneralSecurityException {
        return run(suite, SessionOptions.defaults());
    }

    /**
     * A ratchet session pair as a chat has it between steps: each side has stepped once and Bob's epoch is one Alice
     * has seen, so Bob's messages carry no key material, and a step interval of a day keeps it so while they are
     * timed. Bob sends, Alice receives: each message costs one chain step on each side (steps are timed apart).
     */
    Result settled(CipherSuite suite) throws GeneralSecurityException {
        Result pair = run(suite, SessionOptions.defaults().withStepInterval(java.time.Duration.ofDays(1)));
        byte[] hello = new byte[1];
        deliver(pair.initiatorSession(), pair.responderSession(), hello);
        deliver(pair.responderSession(), pair.initiatorSession(), hello);
        deliver(pair.initiatorSession(), pair.responderSession(), hello);
        return pair;
    }

    /** {@code from} seals, {@code to} opens; returns the plaintext length. */
    static int deliver(SecureSession from, SecureSession to, byte[] plaintext) throws GeneralSecurityException {
        byte[] frame = from.seal(plaintext);
        try {
            return to.open(dev.blindrelay.wire.EnvelopeHeader.parse(frame), frame).plaintext().length;
        } catch (dev.blindrelay.wire.MalformedFrameException e) {
            throw new IllegalStateException("a frame the session sealed does not parse: " + e.getMessage(), e);
        }
    }

    /** Runs one complete handshake under {@code suite} for a session of the kind {@code session} says. */
    Result run(CipherSuite suite, SessionOptions session) throws GeneralSecurityException {
        HandshakeContext initiatorSide = new HandshakeContext(suite, alice, INITIATOR, RESPONDER, ROOM, Tracer.NONE,
                session);
        HandshakeContext responderSide = new HandshakeContext(suite, bob, RESPONDER, INITIATOR, ROOM, Tracer.NONE,
                session);
        Initiator initiator = Initiator.start(initiatorSide);
        Responder responder = Responder.accept(responderSide, initiator.message());
        Initiator.Completed completed = initiator.receive(responder.message());
        SecureSession responderSession = responder.finish(completed.finish());
        return new Result(initiator.message(), responder.message(), completed.finish(), completed.session(),
                responderSession);
    }

    /**
     * The three messages and the two ends of the session they established.
     *
     * @param initiatorSession Alice's end: seals messages to Bob
     * @param responderSession Bob's end: opens them
     */
    record Result(HandshakeInit init, HandshakeResponse response, HandshakeFinish finish,
                  SecureSession initiatorSession, SecureSession responderSession) {

        /** The three frames exactly as a client sends them to the relay (envelope header + body). */
        byte[][] frames() {
            return new byte[][]{
                    new Envelope(FrameType.HANDSHAKE_INIT, INITIATOR, RESPONDER, ROOM, init.encode()).encode(),
                    new Envelope(FrameType.HANDSHAKE_RESPONSE, RESPONDER, INITIATOR, ROOM, response.encode()).encode(),
                    new Envelope(FrameType.HANDSHAKE_FINISH, INITIATOR, RESPONDER, ROOM, finish.encode()).encode()};
        }

        /** Wipes both ends' keys. */
        void destroy() {
            initiatorSession.destroy();
            responderSession.destroy();
        }
    }
}
