package dev.blindrelay.spi;

/**
 * The relay side of a transport calls this for every connection event. Implemented once, in core,
 * by the router. Calls for one link come from one thread, in order.
 */
public interface RelayHandler {

    void connected(RelayLink link);

    /** A whole frame (without its length prefix). The handler owns the array. */
    void frameReceived(RelayLink link, byte[] frame);

    /** The transport could not decode the peer's bytes (e.g. a frame over the limit); the link is closing. */
    void malformed(RelayLink link, String reason);

    void writabilityChanged(RelayLink link);

    /** Called exactly once per link, after which the link is dead. */
    void disconnected(RelayLink link);
}
