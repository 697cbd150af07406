package dev.blindrelay.transport.netty;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * The peer sent bytes that are not a valid frame (over the limit, empty, or of the wrong kind).
 * The message is one line, for the relay's log and the user. The connection closes.
 */
public final class BadFrameException extends CorruptedFrameException {

    private static final long serialVersionUID = 1L;

    public BadFrameException(String message) {
        super(message);
    }
}
