package dev.blindrelay.cli.docs;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;

/**
 * The formulas of docs/PROTOCOL.md and the primitives of the shipped suites, written again from their
 * specifications with nothing but the JDK (SunEC for ECDH and XDH, SunJCE for HMAC, AES-GCM and
 * ChaCha20-Poly1305), plus BouncyCastle's lightweight ML-KEM-768, which Java 17 does not have. It shares no
 * code with the implementation on purpose: the documentation tests recompute the implementation's output with
 * it, so a mistake on either side shows up as a mismatch.
 *
 * <p>Algorithms are chosen by the component ids of a suite id ({@code P256}, {@code X25519},
 * {@code HKDF-SHA256}, {@code AES-256-GCM}, ...), so one checker serves every suite it knows.
 */
public final class JdkCrypto {

    /** The version label in the transcript, HKDF infos, signatures and the safety code. */
    public static final String PROTOCOL = "BlindRelay/2";

    /** X25519MLKEM768 (§11): ML-KEM-768 first in both messages and in the secret. */
    static final int MLKEM_EK = 1184;
    static final int MLKEM_CT = 1088;
    static final int MLKEM_SEED = 64;

    private JdkCrypto() {
    }

    // ---- transcript (§6) ----

    /** {@code H(h || u8 len(label) || label || u32 len(value) || value)}. */
    public static byte[] absorb(byte[] h, String label, byte[] value) throws GeneralSecurityException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(h);
        sha.update((byte) label.length());
        sha.update(ascii(label));
        sha.update(ByteBuffer.allocate(4).putInt(value.length).array());
        sha.update(value);
        return sha.digest();
    }

    // ---- key schedule (§7), HKDF from RFC 5869 ----

    /** The JDK's HMAC name for a KDF id such as {@code HKDF-SHA256}. */
    public static String hmacName(String kdfId) {
        return switch (kdfId) {
            case "HKDF-SHA256" -> "HmacSHA256";
            case "HKDF-SHA384" -> "HmacSHA384";
            case "HKDF-SHA512" -> "HmacSHA512";
            default -> throw new IllegalArgumentException("no JDK recomputation for KDF " + kdfId);
        };
    }

    public static byte[] hmac(String kdfId, byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hmacName(kdfId));
        mac.init(new SecretKeySpec(key, hmacName(kdfId)));
        return mac.doFinal(data);
    }

    /** HKDF-Extract: {@code PRK = HMAC(salt, IKM)}; an empty salt is HashLen zero bytes. */
    public static byte[] extract(String kdfId, byte[] salt, byte[] ikm) throws GeneralSecurityException {
        int hashLength = Mac.getInstance(hmacName(kdfId)).getMacLength();
        return hmac(kdfId, salt.length == 0 ? new byte[hashLength] : salt, ikm);
    }

    /** HKDF-Expand: {@code T(i) = HMAC(PRK, T(i-1) || info || i)}, concatenated and cut to length. */
    public static byte[] expand(String kdfId, byte[] prk, byte[] info, int length) throws GeneralSecurityException {
        byte[] out = new byte[0];
        byte[] t = new byte[0];
        for (int i = 1; out.length < length; i++) {
            t = hmac(kdfId, prk, concat(t, info, new byte[] {(byte) i}));
            out = concat(out, t);
        }
        return Arrays.copyOf(out, length);
    }

    /** {@code "BlindRelay/2 " || suite id || " " || label}. */
    public static byte[] info(String suiteId, String label) {
        return ascii(PROTOCOL + " " + suiteId + " " + label);
    }

    /** A key confirmation: {@code HKDF-Expand(PRK, info(label) || h, 32)}. */
    public static byte[] confirmation(String suiteId, byte[] prk, String label, byte[] h)
            throws GeneralSecurityException {
        return expand(component(suiteId, 1), prk, concat(info(suiteId, label), h), 32);
    }

    /** Component 0 (key agreement), 1 (KDF) or 2 (AEAD) of {@code <KA>_<KDF>_<AEAD>}. */
    public static String component(String suiteId, int index) {
        String[] parts = suiteId.split("_");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a suite id: " + suiteId);
        }
        return parts[index];
    }

    // ---- key agreement ----

    /**
     * The shared secret: P-256 ECDH (x-coordinate, 32 bytes) or X25519 (RFC 7748, 32 bytes) from either side.
     * For the KEM hybrid X25519MLKEM768, from the initiator's side only: its private key is the ML-KEM seed
     * {@code d || z} (64) then its X25519 private key (32), the peer's message {@code ct (1088) || X25519 public
     * key (32)}, and the secret {@code ML-KEM.Decaps(dk, ct) || X25519}. (The responder's ML-KEM half came from
     * encapsulation randomness no trace holds; see {@link #responderPart}.)
     */
    public static byte[] agree(String keyAgreementId, byte[] privateKey, byte[] peerPublic)
            throws GeneralSecurityException {
        return switch (keyAgreementId) {
            case "P256" -> ecdhP256(privateKey, peerPublic);
            case "X25519" -> x25519(privateKey, peerPublic);
            case "X25519MLKEM768" -> concat(
                    mlKemDecapsulate(Arrays.copyOf(privateKey, MLKEM_SEED), Arrays.copyOf(peerPublic, MLKEM_CT)),
                    x25519(Arrays.copyOfRange(privateKey, MLKEM_SEED, privateKey.length),
                            Arrays.copyOfRange(peerPublic, MLKEM_CT, peerPublic.length)));
            default -> throw new IllegalArgumentException("no JDK recomputation for key agreement " + keyAgreementId);
        };
    }

    /**
     * Whether {@code publicKey} belongs to {@code privateKey}, with nothing but key agreement: X25519 of the
     * base point u = 9 is the public key itself (RFC 7748 §6.1); P-256 ECDH with the generator G gives the
     * x-coordinate of the public point, and the agreement with the public point proves it is on the curve.
     */
    public static boolean publicKeyMatches(String keyAgreementId, byte[] privateKey, byte[] publicKey)
            throws GeneralSecurityException {
        return switch (keyAgreementId) {
            // The initiator: ek from the seed, then its X25519 key. The responder's message is a ciphertext
            // (from randomness no trace holds), then its X25519 key, which its private key must give.
            case "X25519MLKEM768" -> privateKey.length == MLKEM_SEED + 32
                    ? Arrays.equals(mlKemEncapsulationKey(Arrays.copyOf(privateKey, MLKEM_SEED)),
                    Arrays.copyOf(publicKey, MLKEM_EK)) && publicKeyMatches("X25519",
                    Arrays.copyOfRange(privateKey, MLKEM_SEED, privateKey.length),
                    Arrays.copyOfRange(publicKey, MLKEM_EK, publicKey.length))
                    : publicKey.length == MLKEM_CT + 32 && publicKeyMatches("X25519", privateKey,
                    Arrays.copyOfRange(publicKey, MLKEM_CT, publicKey.length));
            case "X25519" -> {
                byte[] basePoint = new byte[32];
                basePoint[0] = 9;
                yield Arrays.equals(x25519(privateKey, basePoint), publicKey);
            }
            case "P256" -> {
                ECPoint g = p256().getGenerator();
                byte[] generator = concat(new byte[] {4}, fixed(g.getAffineX()), fixed(g.getAffineY()));
                try {
                    ecdhP256(privateKey, publicKey); // refuses a point that is not on the curve
                } catch (java.security.InvalidKeyException notOnTheCurve) {
                    yield false;
                }
                yield Arrays.equals(ecdhP256(privateKey, generator), Arrays.copyOfRange(publicKey, 1, 33));
            }
            default -> throw new IllegalArgumentException("no JDK recomputation for key agreement " + keyAgreementId);
        };
    }

    /**
     * The part of the shared secret the responder's traced private key determines, and where it sits: all of
     * it for Diffie-Hellman; for X25519MLKEM768 the X25519 half, bytes 32 to 64.
     */
    public static SecretPart responderPart(String keyAgreementId, byte[] responderPrivate, byte[] initiatorPublic)
            throws GeneralSecurityException {
        if (keyAgreementId.equals("X25519MLKEM768")) {
            return new SecretPart(32, x25519(responderPrivate,
                    Arrays.copyOfRange(initiatorPublic, MLKEM_EK, initiatorPublic.length)));
        }
        return new SecretPart(0, agree(keyAgreementId, responderPrivate, initiatorPublic));
    }

    /** {@code bytes} at {@code offset} of a shared secret. */
    public record SecretPart(int offset, byte[] bytes) {
        public boolean in(byte[] secret) {
            return Arrays.equals(Arrays.copyOfRange(secret, offset, offset + bytes.length), bytes);
        }
    }

    /** ML-KEM-768 KeyGen from the 64-byte seed {@code d || z} (FIPS 203), with BouncyCastle: the encapsulation key. */
    static byte[] mlKemEncapsulationKey(byte[] seed) {
        return new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, seed).getPublicKey();
    }

    /** ML-KEM-768 Decaps with the key from {@code seed}, with BouncyCastle. */
    static byte[] mlKemDecapsulate(byte[] seed, byte[] ciphertext) {
        return new MLKEMExtractor(new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, seed))
                .extractSecret(ciphertext);
    }

    static byte[] ecdhP256(byte[] privateScalar, byte[] uncompressedPoint) throws GeneralSecurityException {
        if (uncompressedPoint.length != 65 || uncompressedPoint[0] != 4) {
            throw new java.security.InvalidKeyException("not an uncompressed P-256 point");
        }
        ECParameterSpec curve = p256();
        KeyFactory factory = KeyFactory.getInstance("EC");
        PrivateKey privateKey = factory.generatePrivate(new ECPrivateKeySpec(new BigInteger(1, privateScalar), curve));
        PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(new ECPoint(
                new BigInteger(1, Arrays.copyOfRange(uncompressedPoint, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(uncompressedPoint, 33, 65))), curve));
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(privateKey);
        agreement.doPhase(publicKey, true);
        return agreement.generateSecret();
    }

    /**
     * X25519 with the JDK's XDH: the private key is the 32 scalar bytes as given (the JDK clamps them), the
     * public key a little-endian u-coordinate whose top bit is ignored (RFC 7748 §5).
     */
    static byte[] x25519(byte[] scalar, byte[] uLittleEndian) throws GeneralSecurityException {
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = uLittleEndian[31 - i];
        }
        bigEndian[0] &= 0x7F;
        KeyFactory factory = KeyFactory.getInstance("XDH");
        PrivateKey privateKey = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
        PublicKey publicKey = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                new BigInteger(1, bigEndian)));
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(privateKey);
        agreement.doPhase(publicKey, true);
        return agreement.generateSecret();
    }

    private static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static byte[] fixed(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    // ---- AEAD and messages (§8) ----

    public static int aeadKeyLength(String aeadId) {
        return switch (aeadId) {
            case "AES-256-GCM", "CHACHA20-POLY1305" -> 32;
            default -> throw new IllegalArgumentException("no JDK recomputation for AEAD " + aeadId);
        };
    }

    public static int aeadNonceLength(String aeadId) {
        aeadKeyLength(aeadId);
        return 12;
    }

    public static int aeadTagLength(String aeadId) {
        aeadKeyLength(aeadId);
        return 16;
    }

    /** Ciphertext followed by the 16-byte tag. */
    public static byte[] seal(String aeadId, byte[] key, byte[] nonce, byte[] plaintext, byte[] aad)
            throws GeneralSecurityException {
        return aead(Cipher.ENCRYPT_MODE, aeadId, key, nonce, plaintext, aad);
    }

    /** The plaintext; an {@link javax.crypto.AEADBadTagException} when the tag does not verify. */
    public static byte[] open(String aeadId, byte[] key, byte[] nonce, byte[] ciphertextAndTag, byte[] aad)
            throws GeneralSecurityException {
        return aead(Cipher.DECRYPT_MODE, aeadId, key, nonce, ciphertextAndTag, aad);
    }

    private static byte[] aead(int mode, String aeadId, byte[] key, byte[] nonce, byte[] input, byte[] aad)
            throws GeneralSecurityException {
        Cipher cipher;
        switch (aeadId) {
            case "AES-256-GCM" -> {
                cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            }
            case "CHACHA20-POLY1305" -> {
                cipher = Cipher.getInstance("ChaCha20-Poly1305");
                cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            }
            default -> throw new IllegalArgumentException("no JDK recomputation for AEAD " + aeadId);
        }
        cipher.updateAAD(aad);
        return cipher.doFinal(input);
    }

    /** {@code base IV XOR (0...0 || u64 counter)}: the counter, big-endian, in the last 8 bytes. */
    public static byte[] nonce(byte[] baseIv, long counter) {
        byte[] nonce = baseIv.clone();
        int at = nonce.length - 8;
        for (int i = 0; i < 8; i++) {
            nonce[at + i] ^= (byte) (counter >>> (56 - 8 * i));
        }
        return nonce;
    }

    /** The associated data of a DATA frame: the envelope header (§2) and the u64 counter. */
    public static byte[] dataAad(String sender, String recipient, String room, long counter) {
        return concat(new byte[] {1, 0x20}, str8(sender), str8(recipient), str8(room),
                ByteBuffer.allocate(8).putLong(counter).array());
    }

    // ---- signatures and safety code (§5, §10) ----

    /** What an identity key signs: {@code "BlindRelay/2 " || label || transcript hash}. */
    public static byte[] signedMessage(String label, byte[] transcriptHash) {
        return concat(ascii(PROTOCOL + " " + label), transcriptHash);
    }

    /** Ed25519 (RFC 8032) with the JDK: the 32-byte public key is y little-endian, top bit = x is odd. */
    public static boolean ed25519Verify(byte[] publicKey, byte[] message, byte[] signature)
            throws GeneralSecurityException {
        byte[] reversed = new byte[32];
        for (int i = 0; i < 32; i++) {
            reversed[i] = publicKey[31 - i];
        }
        boolean xOdd = (reversed[0] & 0x80) != 0;
        reversed[0] &= 0x7F;
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(
                NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, reversed))));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }

    /** {@code SHA-256("BlindRelay/2 safety code" || h1)}, first 8 bytes unsigned mod 10^12, as "dddd dddd dddd". */
    public static String safetyCode(byte[] handshakeHash) throws GeneralSecurityException {
        byte[] code = MessageDigest.getInstance("SHA-256").digest(concat(ascii(PROTOCOL + " safety code"), handshakeHash));
        String digits = String.format("%012d",
                Long.remainderUnsigned(ByteBuffer.wrap(code).getLong(), 1_000_000_000_000L));
        return digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8);
    }

    /**
     * §10: each side's 30 digits from SHA-512(0x0000 || key || name), then 5200 times SHA-512(f || key);
     * the two halves sorted as digit strings; 12 groups of five.
     */
    public static String safetyNumber(String nameA, byte[] keyA, String nameB, byte[] keyB)
            throws GeneralSecurityException {
        String a = safetyHalf(nameA, keyA);
        String b = safetyHalf(nameB, keyB);
        String digits = a.compareTo(b) <= 0 ? a + b : b + a;
        return String.join(" ", digits.split("(?<=\\G.{5})"));
    }

    private static String safetyHalf(String name, byte[] key) throws GeneralSecurityException {
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        byte[] f = sha512.digest(concat(new byte[2], key, name.getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 5200; i++) {
            f = sha512.digest(concat(f, key));
        }
        StringBuilder digits = new StringBuilder();
        for (int chunk = 0; chunk < 6; chunk++) {
            long value = new BigInteger(1, Arrays.copyOfRange(f, 5 * chunk, 5 * chunk + 5)).longValueExact();
            digits.append(String.format("%05d", value % 100_000));
        }
        return digits.toString();
    }

    // ---- bytes ----

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] str8(String s) {
        byte[] bytes = utf8(s);
        return concat(new byte[] {(byte) bytes.length}, bytes);
    }
}
