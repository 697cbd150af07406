package dev.blindrelay.cli.compare;

/**
 * What a suite costs in bytes on the wire, counted from frames that were really encoded, not from a
 * formula, so the figures stay true when the protocol changes.
 *
 * @param initFrame       handshake message 1 as an encoded envelope (header + body)
 * @param responseFrame   handshake message 2
 * @param finishFrame     handshake message 3
 * @param messageOverhead bytes a DATA frame adds to its plaintext: envelope header, counter and tag
 *                        ({@code SecureSession.overhead()})
 */
record WireCost(int initFrame, int responseFrame, int finishFrame, int messageOverhead) {

    /** The TCP transport puts a 4-byte big-endian length before every frame (WebSocket framing differs). */
    static final int TCP_PREFIX = 4;

    static WireCost of(InMemoryHandshake.Result handshake) {
        byte[][] frames = handshake.frames();
        return new WireCost(frames[0].length, frames[1].length, frames[2].length,
                handshake.initiatorSession().overhead());
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
}
