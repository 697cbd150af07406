package dev.blindrelay.wire;

import java.io.IOException;

/** Bytes that do not parse as a protocol v1 frame or message body. */
public final class MalformedFrameException extends IOException {

    public MalformedFrameException(String message) {
        super(message);
    }
}
