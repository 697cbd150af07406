package dev.blindrelay.testing.suite;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;

/**
 * X448 through the JDK's XDH: a real key agreement that exists only in test sources. It proves that
 * a suite the core has never heard of plugs in through the SPI alone (and gives core tests a suite
 * without depending on the plugin modules).
 */
public final class X448KeyAgreement implements KeyAgreement {

    private static final int LENGTH = 56;

    @Override
    public String id() {
        return "X448";
    }

    @Override
    public String provider() {
        return "SunEC (test only)";
    }

    @Override
    public int publicKeyLength() {
        return LENGTH;
    }

    @Override
    public int responseLength() {
        return LENGTH;
    }

    @Override
    public int sharedSecretLength() {
        return LENGTH;
    }

    @Override
    public KeyShare generate() throws GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("X448").generateKeyPair();
        return new Share(pair.getPrivate(), encode(((XECPublicKey) pair.getPublic()).getU()));
    }

    /** JDK private keys cannot be wiped, so destroy() has nothing of its own to zero. */
    private record Share(PrivateKey privateKey, byte[] encoded) implements KeyShare {
        @Override
        public byte[] publicBytes() {
            return encoded.clone();
        }

        @Override
        public byte[] secretBytesForTrace() {
            return ((XECPrivateKey) privateKey).getScalar().orElseThrow();
        }

        @Override
        public void destroy() {
        }
    }

    /** Diffie-Hellman: the response is our public key, made before the initiator's key is seen. */
    @Override
    public KeyShare responseShare() throws GeneralSecurityException {
        return generate();
    }

    @Override
    public KeyAgreementResponse respond(byte[] initiatorPublic) throws GeneralSecurityException {
        KeyShare own = generate();
        return new KeyAgreementResponse(own.publicBytes(), agree(own, initiatorPublic), own);
    }

    @Override
    public byte[] finish(KeyShare own, byte[] responderMessage) throws GeneralSecurityException {
        return agree(own, responderMessage);
    }

    private byte[] agree(KeyShare own, byte[] peerPublic) throws GeneralSecurityException {
        if (peerPublic.length != LENGTH) {
            throw new InvalidKeyException("X448 public key must be " + LENGTH + " bytes, got " + peerPublic.length);
        }
        byte[] reversed = peerPublic.clone();
        reverse(reversed);
        var publicKey = KeyFactory.getInstance("XDH").generatePublic(
                new XECPublicKeySpec(NamedParameterSpec.X448, new BigInteger(1, reversed)));
        javax.crypto.KeyAgreement agreement = javax.crypto.KeyAgreement.getInstance("XDH");
        if (!(own instanceof Share share)) {
            throw new InvalidKeyException("not an X448 key share");
        }
        agreement.init(share.privateKey());
        agreement.doPhase(publicKey, true);
        byte[] secret = agreement.generateSecret();
        if (Arrays.equals(secret, new byte[secret.length])) {
            throw new InvalidKeyException("X448 shared secret is all zeros (low-order public key)");
        }
        return secret;
    }

    private static byte[] encode(BigInteger u) {
        byte[] out = new byte[LENGTH];
        byte[] big = u.toByteArray();
        for (int i = 0; i < Math.min(LENGTH, big.length); i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    private static void reverse(byte[] bytes) {
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
    }
}
