package dev.blindrelay.spi;

/** The client side of a transport delivers frames here, on a transport thread, in order. */
public interface FrameListener {

    /** A whole frame; the listener owns the array. */
    void frameReceived(byte[] frame);

    /** The connection ended; {@code reason} is one line for the user. Called at most once. */
    void closed(String reason);
}
