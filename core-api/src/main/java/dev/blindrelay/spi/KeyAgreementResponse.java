package dev.blindrelay.spi;

import java.util.Arrays;

/**
 * What the responder of a {@link KeyAgreement} produces: the message it sends back, the shared
 * secret, and (for Diffie-Hellman) its own ephemeral share so that the trace can show it.
 *
 * @param message      sent to the initiator
 * @param sharedSecret owned by the caller, which zeroes it after the key schedule
 * @param ownShare     the responder's ephemeral key pair, or {@code null} for a pure KEM
 */
public record KeyAgreementResponse(byte[] message, byte[] sharedSecret, KeyShare ownShare) {

    /** Zeroes the secret and the responder's private key. */
    public void destroy() {
        Arrays.fill(sharedSecret, (byte) 0);
        if (ownShare != null) {
            ownShare.destroy();
        }
    }
}
