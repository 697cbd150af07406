package dev.blindrelay.cli.docs;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recomputes a P-256 worked example from its own inputs with nothing but the JDK (SunEC, SunJCE)
 * and the formulas of docs/PROTOCOL.md, written again here on purpose: it shares no code with the
 * implementation, so a mistake in either shows up as a mismatch.
 */
final class IndependentCheck {

    private static final HexFormat HEX = HexFormat.of();

    private IndependentCheck() {
    }

    static void verify(Map<String, String> v) throws Exception {
        String suite = v.get("suite");
        // ECDH both ways must give the listed secret.
        byte[] shared = ecdh(bytes(v, "alice.ephemeral.private"), bytes(v, "bob.ephemeral.public"));
        assertThat(ecdh(bytes(v, "bob.ephemeral.private"), bytes(v, "alice.ephemeral.public")))
                .as("ECDH from Bob's side").isEqualTo(shared);
        assertThat(hex(shared)).as("shared.secret").isEqualTo(v.get("shared.secret"));

        // The frames carry exactly the listed keys.
        List<byte[]> init = fields(bytes(v, "frame.init"), 0x10, "u8", "str8", "b16", "b16");
        assertThat(new String(init.get(1), StandardCharsets.US_ASCII)).isEqualTo(suite);
        assertThat(hex(init.get(2))).isEqualTo(v.get("alice.identity.public"));
        assertThat(hex(init.get(3))).isEqualTo(v.get("alice.ephemeral.public"));
        List<byte[]> response = fields(bytes(v, "frame.response"), 0x11, "u8", "str8", "b16", "b16", "b16", "b8");
        assertThat(hex(response.get(2))).isEqualTo(v.get("bob.identity.public"));
        assertThat(hex(response.get(3))).isEqualTo(v.get("bob.ephemeral.public"));
        List<byte[]> finish = fields(bytes(v, "frame.finish"), 0x12, "b16", "b8");

        // Transcript, field by field.
        byte[][] values = {
                ascii("BlindRelay/1"), ascii(suite), utf8(v.get("room")), utf8(v.get("initiator")),
                utf8(v.get("responder")), init.get(2), init.get(3), response.get(2), response.get(3),
                response.get(4), response.get(5), finish.get(0), finish.get(1)};
        String[] labels = {"protocol", "suite", "room", "initiator", "responder", "initiator identity",
                "initiator ephemeral", "responder identity", "responder ephemeral", "responder signature",
                "responder confirm", "initiator signature", "initiator confirm"};
        byte[] h = new byte[32];
        byte[][] hashes = new byte[14][];
        for (int i = 0; i < labels.length; i++) {
            h = absorb(h, labels[i], values[i]);
            hashes[i + 1] = h;
            assertThat(hex(h)).as("transcript.%02d", i + 1).isEqualTo(v.get(String.format("transcript.%02d", i + 1)));
        }

        // Key schedule.
        byte[] prk = hmac(hashes[9], shared);
        assertThat(hex(prk)).as("prk").isEqualTo(v.get("prk"));
        for (String label : List.of("i2r key", "i2r iv", "r2i key", "r2i iv")) {
            int length = label.endsWith("key") ? 32 : 12;
            assertThat(hex(expand(prk, info(suite, label), length))).as(label).isEqualTo(v.get(label.replace(' ', '.')));
        }
        assertThat(expand(prk, concat(info(suite, "responder confirm"), hashes[10]), 32))
                .as("responder confirm").isEqualTo(response.get(5)).isEqualTo(bytes(v, "responder.confirm"));
        assertThat(expand(prk, concat(info(suite, "initiator confirm"), hashes[12]), 32))
                .as("initiator confirm").isEqualTo(finish.get(1)).isEqualTo(bytes(v, "initiator.confirm"));

        // Signatures, with the JDK's Ed25519.
        assertThat(ed25519Verify(response.get(2), concat(ascii("BlindRelay/1 responder signature"), hashes[9]),
                response.get(4))).as("responder signature").isTrue();
        assertThat(ed25519Verify(init.get(2), concat(ascii("BlindRelay/1 initiator signature"), hashes[11]),
                finish.get(0))).as("initiator signature").isTrue();

        // Safety code.
        byte[] code = MessageDigest.getInstance("SHA-256").digest(concat(ascii("BlindRelay/1 safety code"), hashes[9]));
        String digits = String.format("%012d", Long.remainderUnsigned(ByteBuffer.wrap(code).getLong(), 1_000_000_000_000L));
        assertThat(digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8))
                .as("safety code").isEqualTo(v.get("safety.code"));

        // The message: nonce = iv XOR counter, AAD = frame up to the ciphertext.
        byte[] data = bytes(v, "frame.data");
        int counterAt = headerLength(data);
        long counter = ByteBuffer.wrap(data, counterAt, 8).getLong();
        assertThat(counter).isEqualTo(Long.parseLong(v.get("message.counter")));
        byte[] nonce = bytes(v, "i2r.iv");
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] ^= (byte) (counter >>> (56 - 8 * i));
        }
        assertThat(hex(nonce)).as("nonce").isEqualTo(v.get("message.nonce"));
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(bytes(v, "i2r.key"), "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(Arrays.copyOf(data, counterAt + 8));
        byte[] plaintext = gcm.doFinal(Arrays.copyOfRange(data, counterAt + 8, data.length));
        assertThat(hex(plaintext)).as("message.plaintext").isEqualTo(v.get("message.plaintext"));
    }

    // ---- primitives, from their specifications ----

    static byte[] absorb(byte[] h, String label, byte[] value) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(h);
        sha.update((byte) label.length());
        sha.update(ascii(label));
        sha.update(ByteBuffer.allocate(4).putInt(value.length).array());
        sha.update(value);
        return sha.digest();
    }

    static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    static byte[] expand(byte[] prk, byte[] info, int length) throws Exception {
        byte[] out = new byte[0];
        byte[] t = new byte[0];
        for (int i = 1; out.length < length; i++) {
            t = hmac(prk, concat(concat(t, info), new byte[] {(byte) i}));
            out = concat(out, t);
        }
        return Arrays.copyOf(out, length);
    }

    static byte[] info(String suite, String label) {
        return ascii("BlindRelay/1 " + suite + " " + label);
    }

    static byte[] ecdh(byte[] privateScalar, byte[] uncompressedPoint) throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec curve = parameters.getParameterSpec(ECParameterSpec.class);
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

    static boolean ed25519Verify(byte[] publicKey, byte[] message, byte[] signature) throws Exception {
        byte[] reversed = new byte[32];
        for (int i = 0; i < 32; i++) {
            reversed[i] = publicKey[31 - i];
        }
        boolean xOdd = (reversed[0] & 0x80) != 0;
        reversed[0] &= 0x7F;
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519,
                new EdECPoint(xOdd, new BigInteger(1, reversed))));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }

    // ---- envelope reading, from §2 ----

    static int headerLength(byte[] frame) {
        int at = 2;
        for (int i = 0; i < 3; i++) {
            at += 1 + (frame[at] & 0xFF);
        }
        return at;
    }

    /** Splits a frame's body into the listed fields after checking version and type. */
    static List<byte[]> fields(byte[] frame, int type, String... shapes) {
        assertThat(frame[0]).as("version").isEqualTo((byte) 1);
        assertThat(frame[1] & 0xFF).as("type").isEqualTo(type);
        ByteBuffer body = ByteBuffer.wrap(frame, headerLength(frame), frame.length - headerLength(frame));
        List<byte[]> out = new ArrayList<>();
        for (String shape : shapes) {
            int length = switch (shape) {
                case "u8" -> 1;
                case "str8", "b8" -> body.get() & 0xFF;
                case "b16" -> body.getShort() & 0xFFFF;
                default -> throw new IllegalArgumentException(shape);
            };
            byte[] field = new byte[length];
            body.get(field);
            out.add(field);
        }
        assertThat(body.remaining()).as("trailing bytes").isZero();
        return out;
    }

    private static byte[] bytes(Map<String, String> v, String key) {
        String value = v.get(key);
        assertThat(value).as(key).isNotNull();
        return HEX.parseHex(value);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
