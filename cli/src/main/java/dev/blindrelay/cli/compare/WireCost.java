package dev.blindrelay.cli.compare;

import dev.blindrelay.session.SecureSession;
import dev.blindrelay.wire.EnvelopeHeader;

import java.security.GeneralSecurityException;

/**
 * What a suite costs in bytes on the wire, counted from frames that were really encoded, not from a
 * formula, so the figures stay true when the protocol changes.
 *
 * @param initFrame       handshake message 1 as an encoded envelope (header + body)
 * @param responseFrame   handshake message 2
 * @param finishFrame     handshake message 3
 * @param messageOverhead bytes a DATA frame of a ratchet session (the default) adds to its plaintext: envelope
 *                        header, ratchet fields and tag ({@code SecureSession.overhead()})
 * @param staticOverhead  the same for a static session: envelope header, counter and tag
 * @param stepOverhead    bytes a ratchet message adds while it carries a step's key material (the response to
 *                        the peer's share and a new share), measured on a real step
 */
record WireCost(int initFrame, int responseFrame, int finishFrame, int messageOverhead, int staticOverhead,
                int stepOverhead) {

    /** The TCP transport puts a 4-byte big-endian length before every frame (WebSocket framing differs). */
    static final int TCP_PREFIX = 4;

    /**
     * @param ratchet a fresh ratcheting session pair: used up here (Alice's message, then Bob's step)
     * @param staticKeys a static session pair, for its overhead
     */
    static WireCost of(InMemoryHandshake.Result ratchet, InMemoryHandshake.Result staticKeys)
            throws GeneralSecurityException {
        byte[][] frames = ratchet.frames();
        byte[] plaintext = new byte[16];
        SecureSession alice = ratchet.initiatorSession();
        SecureSession bob = ratchet.responderSession();
        byte[] first = alice.seal(plaintext);
        try {
            bob.open(EnvelopeHeader.parse(first), first);
        } catch (dev.blindrelay.wire.MalformedFrameException e) {
            throw new IllegalStateException("a frame the session sealed does not parse: " + e.getMessage(), e);
        }
        int step = bob.seal(plaintext).length - plaintext.length;
        return new WireCost(frames[0].length, frames[1].length, frames[2].length, alice.overhead(),
                staticKeys.initiatorSession().overhead(), step);
    }

    /** The three handshake frames, envelopes only. */
    int handshakeFrames() {
        return initFrame + responseFrame + finishFrame;
    }

    /** The three handshake frames as they cross a TCP connection, each with its length prefix. */
    int handshakeOverTcp() {
        return handshakeFrames() + 3 * TCP_PREFIX;
    }

    /** Bytes a chat message costs beyond its plaintext over TCP. */
    int messageOverheadOverTcp() {
        return messageOverhead + TCP_PREFIX;
    }

    /** What the ratchet adds to every message, compared with static keys. */
    int ratchetAdds() {
        return messageOverhead - staticOverhead;
    }

    /** What a step's key material adds to a message on top of that. */
    int stepAdds() {
        return stepOverhead - messageOverhead;
    }
}
