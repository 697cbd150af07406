package dev.blindrelay.handshake;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyShare;

import java.security.GeneralSecurityException;

/**
 * Where a handshake gets its fresh ephemeral key shares: made on the spot ({@link #FRESH}), or made ahead of
 * time ({@link SpareKeyShares}). Either way each share serves one handshake, which destroys it.
 */
public interface EphemeralKeys {

    /** Made when the handshake asks. */
    EphemeralKeys FRESH = new EphemeralKeys() {
        @Override
        public KeyShare initiatorShare(KeyAgreement keyAgreement) throws GeneralSecurityException {
            return keyAgreement.generate();
        }

        @Override
        public KeyShare responseShare(KeyAgreement keyAgreement) throws GeneralSecurityException {
            return keyAgreement.responseShare();
        }
    };

    /** A share for message 1 ({@link KeyAgreement#generate()}). */
    KeyShare initiatorShare(KeyAgreement keyAgreement) throws GeneralSecurityException;

    /** A share for message 2, or null when the key agreement has none ({@link KeyAgreement#responseShare()}). */
    KeyShare responseShare(KeyAgreement keyAgreement) throws GeneralSecurityException;
}
