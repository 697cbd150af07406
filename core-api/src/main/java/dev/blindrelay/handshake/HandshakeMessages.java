package dev.blindrelay.handshake;

import dev.blindrelay.wire.MalformedFrameException;

/**
 * Reads handshake messages as they arrive. INIT and RESPONSE are checked for their version byte
 * before anything else, since another version may lay out the rest differently (REJECT reason 2);
 * a message that does not parse gets REJECT reason 3. Every failure is a {@link HandshakeException}
 * that carries the REJECT telling the peer why, so that it does not wait for ever.
 */
public final class HandshakeMessages {

    private HandshakeMessages() {
    }

    public static HandshakeInit init(HandshakeContext ctx, byte[] body) throws HandshakeException {
        requireVersion(ctx, body);
        return parse(ctx, "handshake init", body, HandshakeInit::parse);
    }

    public static HandshakeResponse response(HandshakeContext ctx, byte[] body) throws HandshakeException {
        requireVersion(ctx, body);
        return parse(ctx, "handshake response", body, HandshakeResponse::parse);
    }

    public static HandshakeFinish finish(HandshakeContext ctx, byte[] body) throws HandshakeException {
        return parse(ctx, "handshake finish", body, HandshakeFinish::parse);
    }

    private interface Parser<T> {
        T parse(byte[] body) throws MalformedFrameException;
    }

    private static <T> T parse(HandshakeContext ctx, String what, byte[] body, Parser<T> parser)
            throws HandshakeException {
        try {
            return parser.parse(body);
        } catch (MalformedFrameException e) {
            throw new HandshakeException("malformed " + what + " from " + ctx.peer() + ": " + e.getMessage(),
                    new HandshakeReject(HandshakeReject.INVALID, ctx.suitesForReject(), "malformed " + what + ": "
                            + e.getMessage()));
        }
    }

    /** A peer speaking another handshake version: reason 2, naming both versions. */
    static HandshakeException versionMismatch(HandshakeContext ctx, int version) {
        return new HandshakeException(ctx.peer() + " speaks handshake version " + version + "; this build speaks "
                + HandshakeInit.VERSION, new HandshakeReject(HandshakeReject.VERSION_MISMATCH, ctx.suitesForReject(),
                "handshake version " + version + " not supported; this peer speaks " + HandshakeInit.VERSION));
    }

    private static void requireVersion(HandshakeContext ctx, byte[] body) throws HandshakeException {
        if (body.length > 0 && (body[0] & 0xFF) != HandshakeInit.VERSION) {
            throw versionMismatch(ctx, body[0] & 0xFF);
        }
    }
}
