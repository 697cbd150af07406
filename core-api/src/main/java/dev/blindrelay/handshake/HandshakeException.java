package dev.blindrelay.handshake;

import java.security.GeneralSecurityException;

/**
 * A handshake that cannot complete. The message is one line for the user; when {@link #reject()}
 * is set, it should also be sent to the peer so that both sides learn why.
 */
public final class HandshakeException extends GeneralSecurityException {

    private final transient HandshakeReject reject;

    public HandshakeException(String message) {
        this(message, (HandshakeReject) null);
    }

    public HandshakeException(String message, HandshakeReject reject) {
        super(message);
        this.reject = reject;
    }

    /** What to tell the peer, or null when nothing should be sent. */
    public HandshakeReject reject() {
        return reject;
    }
}
