package dev.blindrelay.spi;

/** The client side of a transport delivers frames here, on a transport thread, in order. */
public interface FrameListener {

    /** A whole frame; the listener owns the array. */
    void frameReceived(byte[] frame);

    /**
     * The frames that arrived together have all been delivered. Transports must call it after each
     * read batch (after each frame at the latest): listeners batch their replies here, such as one
     * acknowledgement for many messages.
     */
    default void readComplete() {
    }

    /** The connection ended; {@code reason} is one line for the user. Called at most once. */
    void closed(String reason);
}
