package dev.blindrelay.session;

import java.security.GeneralSecurityException;

/**
 * How a {@link SecureSession} turns plaintext into the body of DATA frames and back: {@link StaticCipher} (one key
 * per direction) or the Double Ratchet ({@code session.ratchet.DoubleRatchet}). The session checks addressing and
 * liveness first; a cipher owns its keys and its own locking.
 */
public interface SessionCipher {

    /**
     * A complete DATA frame: {@code header}, then this cipher's fields and the AEAD output. The associated data is
     * every byte before the ciphertext.
     */
    byte[] seal(byte[] header, byte[] plaintext) throws GeneralSecurityException;

    /**
     * Authenticates and decrypts a DATA frame from the peer whose body starts at {@code bodyOffset}. Nothing changes
     * unless it authenticates.
     */
    Opened open(byte[] frame, int bodyOffset) throws GeneralSecurityException;

    /** Bytes a message costs on the wire beyond the envelope header and the plaintext, when no key share rides along. */
    int overhead();

    /** A deep copy of everything this cipher holds, as a thief who read the client's memory now would have it. */
    StolenSession steal();

    /** Erases every key this cipher owns. */
    void destroy();
}
