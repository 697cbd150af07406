package dev.blindrelay.p256;

import dev.blindrelay.spi.support.DhKeyAgreement;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;

/**
 * P-256 ECDH over the JDK's SunEC, the provider variant of {@link P256KeyAgreement} for
 * {@code blindrelay compare}: the same encodings and policy, so each side can be either one. SunEC checks
 * that a peer point is on the curve in {@code doPhase}.
 */
final class P256SunEc extends DhKeyAgreement {

    private static final int FIELD_LENGTH = 32;

    private final Provider sunEc;
    private final ECParameterSpec curve;

    P256SunEc(Provider sunEc) {
        super(P256KeyAgreement.ID, P256KeyAgreement.PUBLIC_KEY_LENGTH, P256KeyAgreement.SECRET_LENGTH);
        this.sunEc = sunEc;
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC", sunEc);
            parameters.init(new ECGenParameterSpec("secp256r1"));
            this.curve = parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SunEC has no secp256r1", e);
        }
    }

    @Override
    public String provider() {
        return sunEc.getName();
    }

    @Override
    public String description() {
        return P256KeyAgreement.DESCRIPTION;
    }

    @Override
    protected KeyPairBytes generateKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", sunEc);
        generator.initialize(curve);
        KeyPair pair = generator.generateKeyPair();
        ECPoint w = ((ECPublicKey) pair.getPublic()).getW();
        byte[] encoded = new byte[P256KeyAgreement.PUBLIC_KEY_LENGTH];
        encoded[0] = 0x04;
        putUnsigned(w.getAffineX(), encoded, 1);
        putUnsigned(w.getAffineY(), encoded, 1 + FIELD_LENGTH);
        byte[] scalar = new byte[FIELD_LENGTH];
        putUnsigned(((ECPrivateKey) pair.getPrivate()).getS(), scalar, 0);
        return new KeyPairBytes(scalar, encoded);
    }

    @Override
    protected void precheckPublicKey(byte[] peerPublic) throws InvalidKeyException {
        P256KeyAgreement.checkEncoding(peerPublic);
    }

    @Override
    public byte[] agree(byte[] privateKey, byte[] peerPublic) throws InvalidKeyException {
        P256KeyAgreement.checkEncoding(peerPublic);
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(peerPublic, 1, 1 + FIELD_LENGTH));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(peerPublic, 1 + FIELD_LENGTH, peerPublic.length));
        try {
            KeyFactory keys = KeyFactory.getInstance("EC", sunEc);
            PublicKey peer = keys.generatePublic(new ECPublicKeySpec(new ECPoint(x, y), curve));
            PrivateKey own = keys.generatePrivate(new ECPrivateKeySpec(new BigInteger(1, privateKey), curve));
            javax.crypto.KeyAgreement agreement = javax.crypto.KeyAgreement.getInstance("ECDH", sunEc);
            agreement.init(own);
            try {
                agreement.doPhase(peer, true);
            } catch (InvalidKeyException e) {
                throw new InvalidKeyException("P-256 public key is not a valid point on the curve (SunEC: "
                        + e.getMessage() + ")", e);
            }
            return agreement.generateSecret();
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyException("P-256 public key refused by SunEC: " + e.getMessage(), e);
        } catch (InvalidKeyException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SunEC cannot do P-256 ECDH", e);
        }
    }

    /** {@code value} as FIELD_LENGTH big-endian bytes at {@code offset}. */
    private static void putUnsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray(); // may have a leading sign byte, or be shorter
        int length = Math.min(bytes.length, FIELD_LENGTH);
        System.arraycopy(bytes, bytes.length - length, out, offset + FIELD_LENGTH - length, length);
    }
}
