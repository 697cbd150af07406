package dev.blindrelay.spi;

import java.nio.ByteBuffer;

/**
 * The relay side of a transport calls this for every connection event. Implemented once, in core,
 * by the router. Calls for one link come from one thread, in order.
 */
public interface RelayHandler {

    void connected(RelayLink link);

    /** A whole frame (without its length prefix). The handler owns the array. */
    void frameReceived(RelayLink link, byte[] frame);

    /**
     * A whole frame: the bytes between {@code frame}'s position and limit. They are valid only during the call,
     * since a transport may hand on a view of its read buffer. By default they are copied into an array for
     * {@link #frameReceived(RelayLink, byte[])}; a handler that keeps nothing overrides this and saves the copy
     * (it may move the position).
     */
    default void frameReceived(RelayLink link, ByteBuffer frame) {
        byte[] copy = new byte[frame.remaining()];
        frame.get(frame.position(), copy);
        frameReceived(link, copy);
    }

    /** The transport could not decode the peer's bytes (e.g. a frame over the limit); the link is closing. */
    void malformed(RelayLink link, String reason);

    void writabilityChanged(RelayLink link);

    /** Called exactly once per link, after which the link is dead. */
    void disconnected(RelayLink link);
}
