package dev.blindrelay.x25519;

import dev.blindrelay.spi.support.DhKeyAgreement;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;

/**
 * X25519 over the JDK's XDH (SunEC), the provider variant of {@link X25519KeyAgreement} for
 * {@code blindrelay compare}: the same raw 32-byte little-endian keys and the same policy, so each side
 * can be either one.
 */
final class X25519Jdk extends DhKeyAgreement {

    private final Provider sunEc;

    X25519Jdk(Provider sunEc) {
        super(X25519KeyAgreement.ID, X25519KeyAgreement.KEY_LENGTH, X25519KeyAgreement.KEY_LENGTH);
        this.sunEc = sunEc;
    }

    @Override
    public String provider() {
        return sunEc.getName();
    }

    @Override
    public String description() {
        return X25519KeyAgreement.DESCRIPTION;
    }

    @Override
    protected KeyPairBytes generateKeyPair() throws GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("X25519", sunEc).generateKeyPair();
        byte[] privateKey = ((XECPrivateKey) pair.getPrivate()).getScalar()
                .orElseThrow(() -> new GeneralSecurityException("SunEC did not reveal the X25519 scalar"));
        return new KeyPairBytes(privateKey, encodeU(((XECPublicKey) pair.getPublic()).getU()));
    }

    @Override
    public byte[] agree(byte[] privateKey, byte[] peerPublic) throws InvalidKeyException {
        X25519KeyAgreement.checkLength(peerPublic);
        try {
            KeyFactory keys = KeyFactory.getInstance("XDH", sunEc);
            javax.crypto.KeyAgreement agreement = javax.crypto.KeyAgreement.getInstance("X25519", sunEc);
            agreement.init(keys.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey)));
            try {
                agreement.doPhase(keys.generatePublic(
                        new XECPublicKeySpec(NamedParameterSpec.X25519, decodeU(peerPublic))), true);
            } catch (InvalidKeyException e) {
                // SunEC computes in doPhase and refuses an all-zero result there ("Point has small order").
                throw new InvalidKeyException(X25519KeyAgreement.LOW_ORDER + " (SunEC: " + e.getMessage() + ")", e);
            }
            return agreement.generateSecret();
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyException("X25519 key refused by SunEC: " + e.getMessage(), e);
        } catch (InvalidKeyException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SunEC cannot do X25519", e);
        }
    }

    /** RFC 7748 decodeUCoordinate: little-endian, the top bit ignored. */
    private static BigInteger decodeU(byte[] encoded) {
        byte[] bigEndian = new byte[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            bigEndian[i] = encoded[encoded.length - 1 - i];
        }
        bigEndian[0] &= 0x7f;
        return new BigInteger(1, bigEndian);
    }

    private static byte[] encodeU(BigInteger u) {
        byte[] bigEndian = u.toByteArray();
        byte[] encoded = new byte[X25519KeyAgreement.KEY_LENGTH];
        for (int i = 0; i < Math.min(bigEndian.length, encoded.length); i++) {
            encoded[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return encoded;
    }
}
