package dev.blindrelay.spi.support;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

/**
 * The initiator/responder skeleton of {@link KeyAgreement} for plain Diffie-Hellman: both sides send a
 * public key of the same length, and the shared secret is DH(own private key, peer public key). A subclass
 * supplies key generation and the DH function over raw byte encodings, and validates every peer key there.
 */
public abstract class DhKeyAgreement implements KeyAgreement {

    private final String id;
    private final int publicKeyLength;
    private final int sharedSecretLength;

    protected DhKeyAgreement(String id, int publicKeyLength, int sharedSecretLength) {
        this.id = id;
        this.publicKeyLength = publicKeyLength;
        this.sharedSecretLength = sharedSecretLength;
    }

    /** A fresh key pair, both halves in the encoding {@link #agree} and the wire use. */
    protected abstract KeyPairBytes generateKeyPair() throws GeneralSecurityException;

    /**
     * DH({@code privateKey}, {@code peerPublic}). The SPI methods compute through here, so vector tests call
     * it with the vectors' private keys and exercise the same code.
     *
     * @throws InvalidKeyException when {@code peerPublic} is malformed, not on the curve, or gives a
     *                             degenerate secret
     */
    public abstract byte[] agree(byte[] privateKey, byte[] peerPublic) throws InvalidKeyException;

    /**
     * Checks run on the initiator's key before {@link #respond} spends a key generation on it. By default
     * none: {@link #agree} checks everything anyway.
     */
    protected void precheckPublicKey(byte[] peerPublic) throws InvalidKeyException {
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final int publicKeyLength() {
        return publicKeyLength;
    }

    @Override
    public final int responseLength() {
        return publicKeyLength;
    }

    @Override
    public final int sharedSecretLength() {
        return sharedSecretLength;
    }

    @Override
    public final KeyShare generate() throws GeneralSecurityException {
        KeyPairBytes pair = generateKeyPair();
        return new DhKeyShare(id, pair.privateKey(), pair.publicKey());
    }

    @Override
    public final KeyAgreementResponse respond(byte[] initiatorPublic) throws GeneralSecurityException {
        precheckPublicKey(initiatorPublic);
        DhKeyShare own = (DhKeyShare) generate();
        try {
            return new KeyAgreementResponse(own.publicBytes(), agree(own.privateKey(), initiatorPublic), own);
        } catch (GeneralSecurityException | RuntimeException e) {
            own.destroy();
            throw e;
        }
    }

    /** Our public key is the response whatever the initiator sent; {@link #finish} computes the secret. */
    @Override
    public final KeyShare responseShare() throws GeneralSecurityException {
        return generate();
    }

    @Override
    public final byte[] finish(KeyShare own, byte[] responderMessage) throws GeneralSecurityException {
        return agree(DhKeyShare.of(own, id).privateKey(), responderMessage);
    }

    /** A key pair as its two encodings; ownership of both arrays passes to the key share. */
    public record KeyPairBytes(byte[] privateKey, byte[] publicKey) {
    }
}
