package dev.blindrelay.spi;

/**
 * One side's ephemeral key pair (or KEM decapsulation key). Owned by the handshake that created it,
 * which destroys it as soon as the shared secret is computed.
 */
public interface KeyShare {

    /** The bytes that go on the wire. */
    byte[] publicBytes();

    /**
     * The private key as bytes, for the teaching trace only (and for tests that recompute a
     * trace). Core never logs it outside the explicit {@code --trace} mode.
     */
    byte[] secretBytesForTrace();

    /** Overwrites the private key material this object owns. */
    void destroy();
}
