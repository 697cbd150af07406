package dev.blindrelay.cli.docs;

import javax.crypto.Mac;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static dev.blindrelay.cli.docs.IndependentCheck.b16;
import static dev.blindrelay.cli.docs.IndependentCheck.body;
import static dev.blindrelay.cli.docs.IndependentCheck.bytes;
import static dev.blindrelay.cli.docs.IndependentCheck.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recomputes the ratchet part of the worked example (docs/PROTOCOL.md §8.2) from its inputs, with the JDK and
 * BouncyCastle's ML-KEM through {@link JdkCrypto} only: the frames' ratchet fields, both asymmetric steps (each
 * secret from the receiver's side, with the private key of the share it answers), the root and chain steps, and
 * every message opened with its own key.
 */
final class RatchetCheck {

    private RatchetCheck() {
    }

    /** What one frame's ratchet fields must be, and the chain key its message key comes from. */
    private record Expected(String sender, long epoch, long n, long previous, long seen, boolean keys) {
    }

    static void verify(Map<String, String> v, String suite) throws Exception {
        String keyAgreement = JdkCrypto.component(suite, 0);
        String kdf = JdkCrypto.component(suite, 1);
        Expected[] expected = {
                new Expected("Alice", 1, 0, 0, 0, true), new Expected("Bob", 2, 0, 0, 1, true),
                new Expected("Alice", 3, 0, 1, 2, true), new Expected("Bob", 2, 1, 0, 3, false)};

        Fields m1 = check(v, suite, 1, expected[0], bytes(v, "i2r.chain.key"));
        assertThat(m1.response).as("message 1 answers nothing").isEmpty();
        assertThat(JdkCrypto.publicKeyMatches(keyAgreement, bytes(v, "alice.share.1.private"), m1.share))
                .as("Alice's share 1").isTrue();

        // Bob's step: Alice recomputes his secret with her share 1 (finish), then the root step.
        byte[][] bobStep = rootStep(v, kdf, suite, bytes(v, "root.key"),
                peek(v, 2).response, "alice.share.1.private", keyAgreement, 2);
        Fields m2 = check(v, suite, 2, expected[1], bobStep[1]);
        assertThat(JdkCrypto.publicKeyMatches(keyAgreement, bytes(v, "bob.share.2.private"), m2.share))
                .as("Bob's share 2").isTrue();

        // Alice's step answers Bob's share 2; Bob recomputes it with share 2's private key.
        byte[][] aliceStep = rootStep(v, kdf, suite, bobStep[0], peek(v, 3).response, "bob.share.2.private",
                keyAgreement, 3);
        Fields m3 = check(v, suite, 3, expected[2], aliceStep[1]);
        assertThat(JdkCrypto.publicKeyMatches(keyAgreement, bytes(v, "alice.share.3.private"), m3.share))
                .as("Alice's share 3").isTrue();

        // Message 4: the next chain step of Bob's epoch 2, after message 2.
        byte[] afterMessage2 = Arrays.copyOf(chainStep(kdf, suite, bobStep[1]), hashLength(kdf));
        Fields m4 = check(v, suite, 4, expected[3], afterMessage2);
        assertThat(m4.share).as("message 4 carries no key material").isNull();
    }

    /** The secret from the receiver's side, and the root step: {new root key, new chain key}. */
    private static byte[][] rootStep(Map<String, String> v, String kdf, String suite, byte[] rootKey, byte[] response,
                                     String answeredShare, String keyAgreement, int epoch) throws Exception {
        byte[] secret = JdkCrypto.agree(keyAgreement, bytes(v, answeredShare), response);
        assertThat(hex(secret)).as("step.%d.secret", epoch).isEqualTo(v.get("step." + epoch + ".secret"));
        int hk = hashLength(kdf);
        byte[] out = JdkCrypto.expand(kdf, JdkCrypto.extract(kdf, rootKey, secret), JdkCrypto.info(suite, "root step"),
                2 * hk);
        byte[] root = Arrays.copyOf(out, hk);
        byte[] chain = Arrays.copyOfRange(out, hk, 2 * hk);
        assertThat(hex(root)).as("step.%d.root.key", epoch).isEqualTo(v.get("step." + epoch + ".root.key"));
        assertThat(hex(chain)).as("step.%d.chain.key", epoch).isEqualTo(v.get("step." + epoch + ".chain.key"));
        return new byte[][] {root, chain};
    }

    /** Parses message {@code number}'s frame, checks its fields, derives its key from {@code chainKey} and opens it. */
    private static Fields check(Map<String, String> v, String suite, int number, Expected expected, byte[] chainKey)
            throws Exception {
        String m = "message." + number;
        String kdf = JdkCrypto.component(suite, 1);
        String aead = JdkCrypto.component(suite, 2);
        byte[] frame = bytes(v, m + ".frame");
        Fields fields = Fields.read(frame);
        assertThat(IndependentCheck.sender(frame)).as(m + " sender").isEqualTo(expected.sender());
        assertThat(new long[] {fields.epoch, fields.n, fields.previous, fields.seen})
                .as(m + " epoch, n, previous, seen")
                .containsExactly(expected.epoch(), expected.n(), expected.previous(), expected.seen());
        assertThat(fields.share != null).as(m + " keys").isEqualTo(expected.keys());
        assertThat(hex(chainKey)).as(m + ".chain.key").isEqualTo(v.get(m + ".chain.key"));

        byte[] step = chainStep(kdf, suite, chainKey);
        byte[] messageKey = Arrays.copyOfRange(step, hashLength(kdf), step.length);
        assertThat(hex(messageKey)).as(m + ".message.key").isEqualTo(v.get(m + ".message.key"));
        byte[] nonce = new byte[JdkCrypto.aeadNonceLength(aead)];
        ByteBuffer.wrap(nonce, nonce.length - 8, 8).putInt((int) fields.epoch).putInt((int) fields.n);
        assertThat(hex(nonce)).as(m + ".nonce").isEqualTo(v.get(m + ".nonce"));
        byte[] plaintext = JdkCrypto.open(aead, messageKey, nonce,
                Arrays.copyOfRange(frame, fields.ciphertextAt, frame.length), Arrays.copyOf(frame, fields.ciphertextAt));
        assertThat(hex(plaintext)).as(m + ".plaintext").isEqualTo(v.get(m + ".plaintext"));
        ByteBuffer inner = ByteBuffer.wrap(plaintext);
        assertThat(inner.get()).as(m + " kind: to the room").isEqualTo((byte) 1);
        assertThat(inner.getLong()).as(m + " id").isEqualTo(number);
        assertThat(new String(plaintext, 9, plaintext.length - 9, StandardCharsets.UTF_8)).isEqualTo(v.get(m + ".text"));
        return fields;
    }

    private static Fields peek(Map<String, String> v, int number) {
        return Fields.read(bytes(v, "message." + number + ".frame"));
    }

    /** {@code CK' || MK = HKDF-Expand(CK, info("chain step"), Hk + Nk)}. */
    private static byte[] chainStep(String kdf, String suite, byte[] chainKey) throws Exception {
        return JdkCrypto.expand(kdf, chainKey, JdkCrypto.info(suite, "chain step"),
                hashLength(kdf) + JdkCrypto.aeadKeyLength(JdkCrypto.component(suite, 2)));
    }

    private static int hashLength(String kdf) throws Exception {
        return Mac.getInstance(JdkCrypto.hmacName(kdf)).getMacLength();
    }

    /** The ratchet fields of a DATA frame, read as §8.2 lays them out. */
    private static final class Fields {
        long epoch;
        long n;
        long previous;
        long seen;
        byte[] response;
        byte[] share;
        int ciphertextAt;

        static Fields read(byte[] frame) {
            ByteBuffer body = body(frame, 0x20);
            Fields fields = new Fields();
            fields.epoch = body.getInt() & 0xFFFFFFFFL;
            fields.n = body.getInt() & 0xFFFFFFFFL;
            fields.previous = body.getInt() & 0xFFFFFFFFL;
            fields.seen = body.getInt() & 0xFFFFFFFFL;
            int keys = body.get();
            assertThat(keys).as("keys flag").isIn(0, 1);
            if (keys == 1) {
                fields.response = b16(body);
                fields.share = b16(body);
            }
            fields.ciphertextAt = body.position();
            return fields;
        }
    }
}
