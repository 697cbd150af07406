package dev.blindrelay.transport.netty;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * The other side speaks another transport: a WebSocket client on a TCP port, or the reverse. The
 * message is one line that names the likely cause and the fix, for the user and the relay's log.
 */
public final class WrongProtocolException extends CorruptedFrameException {

    private static final long serialVersionUID = 1L;

    public WrongProtocolException(String message) {
        super(message);
    }
}
