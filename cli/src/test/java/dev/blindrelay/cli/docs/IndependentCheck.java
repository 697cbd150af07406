package dev.blindrelay.cli.docs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recomputes a worked example (docs/PROTOCOL.md §12) from its own inputs with nothing but the JDK and the
 * formulas of docs/PROTOCOL.md, through {@link JdkCrypto}: it shares no code with the implementation, so a
 * mistake in either shows up as a mismatch. Works for any suite whose components {@link JdkCrypto} knows
 * (P256 or X25519, HKDF-SHA256/384/512, AES-256-GCM or CHACHA20-POLY1305).
 */
final class IndependentCheck {

    private static final HexFormat HEX = HexFormat.of();

    private IndependentCheck() {
    }

    static void verify(Map<String, String> v) throws Exception {
        String suite = v.get("suite");
        String keyAgreement = JdkCrypto.component(suite, 0);
        String kdf = JdkCrypto.component(suite, 1);
        String aead = JdkCrypto.component(suite, 2);
        // Key agreement both ways must give the listed secret.
        byte[] shared = JdkCrypto.agree(keyAgreement, bytes(v, "alice.ephemeral.private"), bytes(v, "bob.ephemeral.public"));
        assertThat(JdkCrypto.agree(keyAgreement, bytes(v, "bob.ephemeral.private"), bytes(v, "alice.ephemeral.public")))
                .as("key agreement from Bob's side").isEqualTo(shared);
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
            h = JdkCrypto.absorb(h, labels[i], values[i]);
            hashes[i + 1] = h;
            assertThat(hex(h)).as("transcript.%02d", i + 1).isEqualTo(v.get(String.format("transcript.%02d", i + 1)));
        }

        // Key schedule.
        byte[] prk = JdkCrypto.extract(kdf, hashes[9], shared);
        assertThat(hex(prk)).as("prk").isEqualTo(v.get("prk"));
        for (String label : List.of("i2r key", "i2r iv", "r2i key", "r2i iv")) {
            int length = label.endsWith("key") ? JdkCrypto.aeadKeyLength(aead) : JdkCrypto.aeadNonceLength(aead);
            assertThat(hex(JdkCrypto.expand(kdf, prk, JdkCrypto.info(suite, label), length))).as(label)
                    .isEqualTo(v.get(label.replace(' ', '.')));
        }
        assertThat(JdkCrypto.confirmation(suite, prk, "responder confirm", hashes[10]))
                .as("responder confirm").isEqualTo(response.get(5)).isEqualTo(bytes(v, "responder.confirm"));
        assertThat(JdkCrypto.confirmation(suite, prk, "initiator confirm", hashes[12]))
                .as("initiator confirm").isEqualTo(finish.get(1)).isEqualTo(bytes(v, "initiator.confirm"));

        // Signatures, with the JDK's Ed25519.
        assertThat(JdkCrypto.ed25519Verify(response.get(2), JdkCrypto.signedMessage("responder signature", hashes[9]),
                response.get(4))).as("responder signature").isTrue();
        assertThat(JdkCrypto.ed25519Verify(init.get(2), JdkCrypto.signedMessage("initiator signature", hashes[11]),
                finish.get(0))).as("initiator signature").isTrue();

        // Safety code, and the safety number of the two identities.
        assertThat(JdkCrypto.safetyCode(hashes[9])).as("safety code").isEqualTo(v.get("safety.code"));
        assertThat(JdkCrypto.safetyNumber(v.get("initiator"), init.get(2), v.get("responder"), response.get(2)))
                .as("safety.number").isEqualTo(v.get("safety.number"));

        // The message: nonce = iv XOR counter, AAD = frame up to the ciphertext.
        byte[] data = bytes(v, "frame.data");
        int counterAt = headerLength(data);
        long counter = ByteBuffer.wrap(data, counterAt, 8).getLong();
        assertThat(counter).isEqualTo(Long.parseLong(v.get("message.counter")));
        byte[] nonce = JdkCrypto.nonce(bytes(v, "i2r.iv"), counter);
        assertThat(hex(nonce)).as("nonce").isEqualTo(v.get("message.nonce"));
        byte[] plaintext = JdkCrypto.open(aead, bytes(v, "i2r.key"), nonce, Arrays.copyOfRange(data, counterAt + 8,
                data.length), Arrays.copyOf(data, counterAt + 8));
        assertThat(hex(plaintext)).as("message.plaintext").isEqualTo(v.get("message.plaintext"));
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
