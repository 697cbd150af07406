package dev.blindrelay.cli.docs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recomputes a worked example (docs/PROTOCOL.md §12) from its own inputs with nothing but the JDK, BouncyCastle's
 * ML-KEM-768 and the formulas of docs/PROTOCOL.md, through {@link JdkCrypto}: it shares no code with the
 * implementation, so a mistake in either shows up as a mismatch. Works for any suite whose components
 * {@link JdkCrypto} knows (P256, X25519 or X25519MLKEM768, HKDF-SHA256/384/512, AES-256-GCM or CHACHA20-POLY1305).
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
        List<String> offer = List.of(v.get("offer").split(", "));

        // INIT (§5): version 2, the first suite, Alice's identity, then the offer and one key share per key
        // agreement of the offer.
        ByteBuffer outer = body(bytes(v, "frame.init"), 0x10);
        assertThat(outer.get()).as("INIT handshake version").isEqualTo((byte) 2);
        assertThat(str8(outer)).as("INIT's first suite").isEqualTo(offer.get(0));
        byte[] aliceIdentity = b16(outer);
        assertThat(hex(aliceIdentity)).isEqualTo(v.get("alice.identity.public"));
        ByteBuffer init = ByteBuffer.wrap(b16(outer));
        assertThat(outer.remaining()).as("INIT trailing bytes").isZero();
        byte[] offerField = offerField(init);
        assertThat(readOffer(offerField)).as("offer").isEqualTo(offer);
        Map<String, byte[]> shares = new LinkedHashMap<>();
        for (int count = init.get() & 0xFF; count > 0; count--) {
            shares.put(str8(init), b16(init));
        }
        assertThat(init.get()).as("INIT's session type: 1, ratchet").isEqualTo((byte) 1);
        assertThat(init.remaining()).as("trailing bytes after the session type").isZero();
        assertThat(List.copyOf(shares.keySet())).as("one key share per key agreement, in offer order")
                .isEqualTo(offer.stream().map(id -> JdkCrypto.component(id, 0)).distinct().toList());
        for (Map.Entry<String, byte[]> share : shares.entrySet()) {
            String name = "alice." + share.getKey().toLowerCase(Locale.ROOT);
            assertThat(hex(share.getValue())).as(name + ".public").isEqualTo(v.get(name + ".public"));
            assertThat(JdkCrypto.publicKeyMatches(share.getKey(), bytes(v, name + ".private"), share.getValue()))
                    .as(name + " key pair").isTrue();
        }
        // The rule: the first suite of the offer that Bob accepts.
        List<String> bobAccepts = List.of(v.get("bob.accepts").split(", "));
        assertThat(offer.stream().filter(bobAccepts::contains).findFirst()).as("the negotiated suite").hasValue(suite);

        // RESPONSE: version 2, the chosen suite, the offer as Bob received it, then as in version 1.
        ByteBuffer response = body(bytes(v, "frame.response"), 0x11);
        assertThat(response.get()).as("RESPONSE handshake version").isEqualTo((byte) 2);
        assertThat(str8(response)).as("chosen suite").isEqualTo(suite);
        assertThat(offerField(response)).as("the offer, echoed").isEqualTo(offerField);
        byte[] bobIdentity = b16(response);
        byte[] bobMessage = b16(response);
        byte[] bobSignature = b16(response);
        byte[] bobConfirm = b8(response);
        assertThat(response.remaining()).as("RESPONSE trailing bytes").isZero();
        assertThat(hex(bobIdentity)).isEqualTo(v.get("bob.identity.public"));
        assertThat(hex(bobMessage)).isEqualTo(v.get("bob.ephemeral.public"));
        ByteBuffer finish = body(bytes(v, "frame.finish"), 0x12);
        byte[] aliceSignature = b16(finish);
        byte[] aliceConfirm = b8(finish);
        assertThat(finish.remaining()).as("FINISH trailing bytes").isZero();

        // The secret from Alice's side; Bob's private key gives his part of it (all of it for Diffie-Hellman).
        byte[] aliceShare = shares.get(keyAgreement);
        String aliceKey = "alice." + keyAgreement.toLowerCase(Locale.ROOT) + ".private";
        byte[] shared = JdkCrypto.agree(keyAgreement, bytes(v, aliceKey), bobMessage);
        assertThat(hex(shared)).as("shared.secret").isEqualTo(v.get("shared.secret"));
        assertThat(JdkCrypto.publicKeyMatches(keyAgreement, bytes(v, "bob.ephemeral.private"), bobMessage))
                .as("Bob's key pair").isTrue();
        assertThat(JdkCrypto.responderPart(keyAgreement, bytes(v, "bob.ephemeral.private"), aliceShare).in(shared))
                .as("Bob's part of the secret").isTrue();
        if (keyAgreement.equals("X25519MLKEM768")) {
            assertThat(v.get("shared.secret")).as("ML-KEM-768 part first, then X25519")
                    .isEqualTo(v.get("shared.secret.mlkem768") + v.get("shared.secret.x25519"));
        }

        // Transcript, field by field (§6).
        byte[][] values = {
                ascii(JdkCrypto.PROTOCOL), offerField, ascii(suite), ascii("ratchet"), utf8(v.get("room")),
                utf8(v.get("initiator")),
                utf8(v.get("responder")), aliceIdentity, aliceShare, bobIdentity, bobMessage, bobSignature,
                bobConfirm, aliceSignature, aliceConfirm};
        String[] labels = {"protocol", "offer", "suite", "session", "room", "initiator", "responder",
                "initiator identity",
                "initiator ephemeral", "responder identity", "responder ephemeral", "responder signature",
                "responder confirm", "initiator signature", "initiator confirm"};
        byte[] h = new byte[32];
        byte[][] hashes = new byte[labels.length + 1][];
        for (int i = 0; i < labels.length; i++) {
            h = JdkCrypto.absorb(h, labels[i], values[i]);
            hashes[i + 1] = h;
            assertThat(hex(h)).as("transcript.%02d", i + 1).isEqualTo(v.get(String.format("transcript.%02d", i + 1)));
        }
        byte[] h1 = hashes[11];

        // Key schedule (§7).
        byte[] prk = JdkCrypto.extract(kdf, h1, shared);
        assertThat(hex(prk)).as("prk").isEqualTo(v.get("prk"));
        for (String label : List.of("root key", "i2r chain key", "r2i chain key")) {
            assertThat(hex(JdkCrypto.expand(kdf, prk, JdkCrypto.info(suite, label), 32))).as(label)
                    .isEqualTo(v.get(label.replace(' ', '.')));
        }
        assertThat(JdkCrypto.confirmation(suite, prk, "responder confirm", hashes[12]))
                .as("responder confirm").isEqualTo(bobConfirm).isEqualTo(bytes(v, "responder.confirm"));
        assertThat(JdkCrypto.confirmation(suite, prk, "initiator confirm", hashes[14]))
                .as("initiator confirm").isEqualTo(aliceConfirm).isEqualTo(bytes(v, "initiator.confirm"));

        // Signatures, with the JDK's Ed25519.
        assertThat(JdkCrypto.ed25519Verify(bobIdentity, JdkCrypto.signedMessage("responder signature", h1),
                bobSignature)).as("responder signature").isTrue();
        assertThat(JdkCrypto.ed25519Verify(aliceIdentity, JdkCrypto.signedMessage("initiator signature", hashes[13]),
                aliceSignature)).as("initiator signature").isTrue();

        // Safety code, and the safety number of the two identities.
        assertThat(JdkCrypto.safetyCode(h1)).as("safety code").isEqualTo(v.get("safety.code"));
        assertThat(JdkCrypto.safetyNumber(v.get("initiator"), aliceIdentity, v.get("responder"), bobIdentity))
                .as("safety.number").isEqualTo(v.get("safety.number"));

        // The ratchet's four messages and two steps (§8.2).
        RatchetCheck.verify(v, suite);
    }

    // ---- envelope reading, from §2 ----

    /** The envelope's sender (§2). */
    static String sender(byte[] frame) {
        return new String(frame, 3, frame[2] & 0xFF, StandardCharsets.UTF_8);
    }

    static int headerLength(byte[] frame) {
        int at = 2;
        for (int i = 0; i < 3; i++) {
            at += 1 + (frame[at] & 0xFF);
        }
        return at;
    }

    /** The body of a frame, after checking the envelope version (§2) and the frame type. */
    static ByteBuffer body(byte[] frame, int type) {
        assertThat(frame[0]).as("envelope version").isEqualTo((byte) 1);
        assertThat(frame[1] & 0xFF).as("type").isEqualTo(type);
        return ByteBuffer.wrap(frame, headerLength(frame), frame.length - headerLength(frame));
    }

    /** The offer's exact bytes, {@code u8 count || count × str8 suite id}: what the transcript binds. */
    private static byte[] offerField(ByteBuffer body) {
        int start = body.position();
        for (int count = body.get() & 0xFF; count > 0; count--) {
            str8(body);
        }
        byte[] field = new byte[body.position() - start];
        body.get(start, field);
        return field;
    }

    private static List<String> readOffer(byte[] field) {
        ByteBuffer offer = ByteBuffer.wrap(field);
        List<String> ids = new ArrayList<>();
        for (int count = offer.get() & 0xFF; count > 0; count--) {
            ids.add(str8(offer));
        }
        return ids;
    }

    private static String str8(ByteBuffer body) {
        return new String(take(body, body.get() & 0xFF), StandardCharsets.UTF_8);
    }

    private static byte[] b8(ByteBuffer body) {
        return take(body, body.get() & 0xFF);
    }

    static byte[] b16(ByteBuffer body) {
        return take(body, body.getShort() & 0xFFFF);
    }

    private static byte[] take(ByteBuffer body, int length) {
        byte[] field = new byte[length];
        body.get(field);
        return field;
    }

    static byte[] bytes(Map<String, String> v, String key) {
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

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
