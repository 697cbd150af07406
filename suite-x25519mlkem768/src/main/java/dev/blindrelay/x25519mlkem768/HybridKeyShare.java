package dev.blindrelay.x25519mlkem768;

import dev.blindrelay.spi.KeyShare;

import java.io.ByteArrayOutputStream;
import java.security.InvalidKeyException;
import java.util.List;

/**
 * A hybrid's key share: the shares of its halves, in wire order, behind the concatenation of what they send.
 * The trace sees the halves' private keys concatenated in the same order.
 */
final class HybridKeyShare implements KeyShare {

    private final String keyAgreementId;
    private final byte[] publicBytes;
    private final List<KeyShare> parts;
    private volatile boolean destroyed;

    HybridKeyShare(String keyAgreementId, byte[] publicBytes, List<KeyShare> parts) {
        this.keyAgreementId = keyAgreementId;
        this.publicBytes = publicBytes;
        this.parts = List.copyOf(parts);
    }

    /** {@code share} as a share of key agreement {@code id}, or an InvalidKeyException. */
    static HybridKeyShare of(KeyShare share, String id) throws InvalidKeyException {
        if (!(share instanceof HybridKeyShare own) || !own.keyAgreementId.equals(id)) {
            throw new InvalidKeyException(id + " cannot finish with a key share made by another key agreement");
        }
        if (own.destroyed) {
            throw new InvalidKeyException(id + " key share has been destroyed");
        }
        return own;
    }

    KeyShare part(int index) {
        return parts.get(index);
    }

    @Override
    public byte[] publicBytes() {
        return publicBytes.clone();
    }

    @Override
    public byte[] secretBytesForTrace() {
        ByteArrayOutputStream secret = new ByteArrayOutputStream();
        parts.forEach(part -> secret.writeBytes(part.secretBytesForTrace()));
        return secret.toByteArray();
    }

    @Override
    public void destroy() {
        destroyed = true;
        parts.forEach(KeyShare::destroy);
    }
}
