package dev.blindrelay.cli.trace;

import dev.blindrelay.cli.docs.JdkCrypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recomputes a two-party {@code --trace-json} trace from its own inputs with the JDK alone (BouncyCastle for ML-KEM), through
 * {@link JdkCrypto} (which shares no code with the implementation). The inputs are what a trace holds and
 * nobody could recompute: the two ephemeral private keys, the transcript's field values (names, identity
 * keys, signatures) and the plaintexts. Everything else is derived again and compared: the public keys,
 * the shared secret, all 15 transcript hashes, the PRK, both key confirmations, the safety code, and then either
 * the direction keys and IVs and every message's nonce, associated data, ciphertext and tag (static sessions), or
 * the whole ratchet ({@link RatchetTraceCheck}). The
 * signatures are verified with the identity keys. Both parties' views must agree, role by role: the
 * initiator seals with the i2r key and opens with r2i; the responder the other way round.
 *
 * <p>Failures are AssertJ assertion errors naming the trace line and the value.
 */
final class TraceCheck {

    static final List<String> LABELS = List.of("protocol", "offer", "suite", "session", "room", "initiator", "responder",
            "initiator identity", "initiator ephemeral", "responder identity", "responder ephemeral",
            "responder signature", "responder confirm", "initiator signature", "initiator confirm");

    /** The values a trace must mark as secret, and no others (a hybrid's parts are "shared secret, X part"). */
    static final Set<String> SECRET_VALUES = Set.of("private key", "shared secret", "ikm", "prk", "i2r key",
            "i2r iv", "r2i key", "r2i iv", "plaintext", "root key", "i2r chain key", "r2i chain key", "root key before",
            "chain key", "message key", "share private");
    /** The transcript hash after field n is hashes[n]: h1 follows field 11, "responder ephemeral". */
    private static final int H1 = 11;

    private static final HexFormat HEX = HexFormat.of();

    /** What the check established. */
    record Result(String suiteId, String session, String initiator, String responder, String safetyCode, int sealed,
                  int opened, int steps) {
    }

    private final Map<String, List<TraceLine>> byParty = new LinkedHashMap<>();
    private final Map<String, byte[]> fields = new HashMap<>();
    private final byte[][] hashes = new byte[LABELS.size() + 1][];
    private String suite;
    private String keyAgreement;
    private String kdf;
    private String aead;
    private String room;
    private String initiator;
    private String responder;

    private TraceCheck(List<TraceLine> trace) {
        for (TraceLine line : trace) {
            byParty.computeIfAbsent(line.party(), p -> new ArrayList<>()).add(line);
        }
    }

    static Result verify(List<TraceLine> trace) throws GeneralSecurityException {
        return new TraceCheck(trace).run();
    }

    private Result run() throws GeneralSecurityException {
        assertThat(byParty.keySet()).as("parties in the trace").hasSize(2);
        secretsAreMarked();
        transcript();
        byte[] shared = sharedSecret();
        byte[] prk = JdkCrypto.extract(kdf, hashes[H1], shared);
        for (String party : byParty.keySet()) {
            TraceLine extract = one(party, "hkdf-extract");
            assertHex(extract, "salt", hashes[H1]);
            assertHex(extract, "ikm", shared);
            assertHex(extract, "prk", prk);
        }
        signatures();
        confirmations(prk);
        String code = JdkCrypto.safetyCode(hashes[H1]);
        for (String party : byParty.keySet()) {
            TraceLine safety = one(party, "safety-code");
            assertHex(safety, "handshake hash", hashes[H1]);
            assertThat(safety.text("safety code")).as("%s: safety code", safety).isEqualTo(code);
        }
        String session = text("session");
        if (session.equals("ratchet")) {
            int[] counts = new RatchetTraceCheck(byParty, suite, initiator).verify(prk);
            return new Result(suite, session, initiator, responder, code, counts[0], counts[1], counts[2]);
        }
        assertThat(session).as("session type").isEqualTo("static");
        Map<String, byte[]> keys = directionKeys(prk);
        int sealed = 0;
        int opened = 0;
        for (String party : byParty.keySet()) {
            sealed += seals(party, keys);
            opened += opens(party, keys);
        }
        return new Result(suite, session, initiator, responder, code, sealed, opened, 0);
    }

    private void secretsAreMarked() {
        for (List<TraceLine> lines : byParty.values()) {
            for (TraceLine line : lines) {
                for (TraceLine.Value value : line.values()) {
                    assertThat(value.secret()).as("%s: '%s' marked secret", line, value.name())
                            .isEqualTo(SECRET_VALUES.contains(value.name()) || value.name().startsWith("shared secret, "));
                }
            }
        }
    }

    /** Each party's chain of 15 hashes from 32 zero bytes; both parties absorbed the same fields. */
    private void transcript() throws GeneralSecurityException {
        boolean first = true;
        for (Map.Entry<String, List<TraceLine>> entry : byParty.entrySet()) {
            List<TraceLine> lines = entry.getValue().stream().filter(l -> l.step().equals("transcript")).toList();
            assertThat(lines.stream().map(l -> l.text("label")).toList()).as("%s's transcript labels", entry.getKey())
                    .containsExactlyElementsOf(LABELS);
            byte[] h = new byte[32];
            for (int i = 0; i < lines.size(); i++) {
                TraceLine line = lines.get(i);
                byte[] value = line.bytes("value");
                h = JdkCrypto.absorb(h, LABELS.get(i), value);
                assertHex(line, "hash", h);
                if (first) {
                    fields.put(LABELS.get(i), value);
                    hashes[i + 1] = h;
                } else {
                    assertThat(hex(value)).as("%s: '%s' as the other party absorbed it", line, LABELS.get(i))
                            .isEqualTo(hex(fields.get(LABELS.get(i))));
                }
            }
            first = false;
        }
        assertThat(text("protocol")).as("protocol field").isEqualTo(JdkCrypto.PROTOCOL);
        suite = text("suite");
        assertThat(offer()).as("the offer holds the chosen suite").contains(suite);
        keyAgreement = JdkCrypto.component(suite, 0);
        kdf = JdkCrypto.component(suite, 1);
        aead = JdkCrypto.component(suite, 2);
        room = text("room");
        initiator = text("initiator");
        responder = text("responder");
        assertThat(List.of(initiator, responder)).as("initiator and responder are the two parties")
                .containsExactlyInAnyOrderElementsOf(byParty.keySet());
        for (String party : byParty.keySet()) {
            for (TraceLine line : byParty.get(party)) {
                assertThat(line.peer()).as("%s: peer", line).isEqualTo(other(party));
            }
        }
    }

    /** The offer field, {@code u8 count || count × str8 id}, as a list. */
    private List<String> offer() {
        ByteBuffer offer = ByteBuffer.wrap(fields.get("offer"));
        List<String> ids = new ArrayList<>();
        for (int count = offer.get() & 0xFF; count > 0; count--) {
            byte[] id = new byte[offer.get() & 0xFF];
            offer.get(id);
            ids.add(new String(id, StandardCharsets.US_ASCII));
        }
        assertThat(offer.remaining()).as("trailing bytes in the offer field").isZero();
        return ids;
    }

    /**
     * Public keys from private keys, the secret from the initiator's private key and the responder's message; the
     * responder's private key recomputes its part of it (all of it for Diffie-Hellman, the X25519 half of the
     * hybrid), and a hybrid's traced parts are the secret cut in wire order.
     */
    private byte[] sharedSecret() throws GeneralSecurityException {
        Map<String, TraceLine> ephemeral = new HashMap<>();
        for (String party : byParty.keySet()) {
            TraceLine keyPair = one(party, "ephemeral-keypair");
            assertThat(keyPair.text("key agreement")).as("%s: key agreement", keyPair).isEqualTo(keyAgreement);
            assertThat(JdkCrypto.publicKeyMatches(keyAgreement, keyPair.bytes("private key"),
                    keyPair.bytes("public key"))).as("%s: the public key belongs to the private key", keyPair).isTrue();
            ephemeral.put(party, keyPair);
        }
        assertHex(ephemeral.get(initiator), "public key", fields.get("initiator ephemeral"));
        assertHex(ephemeral.get(responder), "public key", fields.get("responder ephemeral"));
        byte[] shared = JdkCrypto.agree(keyAgreement, ephemeral.get(initiator).bytes("private key"),
                ephemeral.get(responder).bytes("public key"));
        JdkCrypto.SecretPart responderPart = JdkCrypto.responderPart(keyAgreement,
                ephemeral.get(responder).bytes("private key"), ephemeral.get(initiator).bytes("public key"));
        assertThat(responderPart.in(shared)).as("the responder's private key gives its part of the secret").isTrue();
        for (String party : byParty.keySet()) {
            TraceLine line = one(party, "shared-secret");
            assertHex(line, "peer message", ephemeral.get(other(party)).bytes("public key"));
            assertHex(line, "shared secret", shared);
            if (keyAgreement.equals("X25519MLKEM768")) {
                assertHex(line, "shared secret, MLKEM768 part", Arrays.copyOf(shared, 32));
                assertHex(line, "shared secret, X25519 part", Arrays.copyOfRange(shared, 32, 64));
            }
        }
        return shared;
    }

    /** The responder signs h1, the initiator h3, each with the identity key the transcript carries. */
    private void signatures() throws GeneralSecurityException {
        for (String party : byParty.keySet()) {
            TraceLine sign = one(party, "sign");
            String role = party.equals(initiator) ? "initiator" : "responder";
            String label = role + " signature";
            assertThat(sign.text("label")).as("%s: label", sign).isEqualTo(label);
            assertHex(sign, "signed hash", role.equals("responder") ? hashes[H1] : hashes[H1 + 2]);
            assertHex(sign, "signature", fields.get(label));
            assertThat(JdkCrypto.ed25519Verify(fields.get(role + " identity"),
                    JdkCrypto.signedMessage(label, sign.bytes("signed hash")), sign.bytes("signature")))
                    .as("%s: Ed25519 signature by the %s identity key", sign, role).isTrue();
        }
    }

    /** Both parties compute both confirmations: the responder's over h2, the initiator's over h4. */
    private void confirmations(byte[] prk) throws GeneralSecurityException {
        for (String party : byParty.keySet()) {
            List<TraceLine> lines = all(party, "confirm");
            assertThat(lines.stream().map(l -> l.text("label")).toList()).as("%s's confirmations", party)
                    .containsExactly("responder confirm", "initiator confirm");
            for (TraceLine line : lines) {
                String label = line.text("label");
                byte[] h = label.equals("responder confirm") ? hashes[H1 + 1] : hashes[H1 + 3];
                assertHex(line, "hash", h);
                assertHex(line, "confirmation", JdkCrypto.confirmation(suite, prk, label, h));
                assertHex(line, "confirmation", fields.get(label));
            }
        }
    }

    private Map<String, byte[]> directionKeys(byte[] prk) throws GeneralSecurityException {
        Map<String, byte[]> keys = new HashMap<>();
        for (String name : List.of("i2r key", "i2r iv", "r2i key", "r2i iv")) {
            int length = name.endsWith("key") ? JdkCrypto.aeadKeyLength(aead) : JdkCrypto.aeadNonceLength(aead);
            keys.put(name, JdkCrypto.expand(kdf, prk, JdkCrypto.info(suite, name), length));
        }
        for (String party : byParty.keySet()) {
            TraceLine line = one(party, "direction-keys");
            assertThat(line.text("info i2r key")).as("%s: info", line)
                    .isEqualTo(new String(JdkCrypto.info(suite, "i2r key"), StandardCharsets.US_ASCII));
            for (Map.Entry<String, byte[]> key : keys.entrySet()) {
                assertHex(line, key.getKey(), key.getValue());
            }
        }
        return keys;
    }

    /** The initiator sends with i2r, the responder with r2i; counters run 0, 1, 2, ... per direction. */
    private int seals(String party, Map<String, byte[]> keys) throws GeneralSecurityException {
        String direction = party.equals(initiator) ? "i2r" : "r2i";
        byte[] key = keys.get(direction + " key");
        byte[] iv = keys.get(direction + " iv");
        List<TraceLine> seals = all(party, "seal");
        assertThat(seals).as("%s sealed messages", party).isNotEmpty();
        long expected = 0;
        for (TraceLine seal : seals) {
            long counter = Long.parseLong(seal.text("counter"));
            assertThat(counter).as("%s: counter", seal).isEqualTo(expected++);
            assertHex(seal, "nonce", JdkCrypto.nonce(iv, counter));
            assertHex(seal, "aad", JdkCrypto.dataAad(party, other(party), room, counter));
            byte[] sealed = JdkCrypto.seal(aead, key, seal.bytes("nonce"), seal.bytes("plaintext"), seal.bytes("aad"));
            int tagAt = sealed.length - JdkCrypto.aeadTagLength(aead);
            assertHex(seal, "ciphertext", java.util.Arrays.copyOf(sealed, tagAt));
            assertHex(seal, "tag", java.util.Arrays.copyOfRange(sealed, tagAt, sealed.length));
        }
        return seals.size();
    }

    /**
     * The initiator opens with r2i, the responder with i2r; counters only go up; and every message the peer
     * sealed is opened once, byte for byte as it was sealed (the demo waits for every acknowledgement).
     */
    private int opens(String party, Map<String, byte[]> keys) throws GeneralSecurityException {
        String direction = party.equals(initiator) ? "r2i" : "i2r";
        byte[] key = keys.get(direction + " key");
        byte[] iv = keys.get(direction + " iv");
        Map<Long, TraceLine> sealedByPeer = new HashMap<>();
        for (TraceLine seal : all(other(party), "seal")) {
            sealedByPeer.put(Long.parseLong(seal.text("counter")), seal);
        }
        List<TraceLine> opens = all(party, "open");
        long last = -1;
        for (TraceLine open : opens) {
            long counter = Long.parseLong(open.text("counter"));
            assertThat(counter).as("%s: counter above the last one accepted", open).isGreaterThan(last);
            last = counter;
            assertHex(open, "nonce", JdkCrypto.nonce(iv, counter));
            assertHex(open, "aad", JdkCrypto.dataAad(other(party), party, room, counter));
            byte[] plaintext;
            try {
                plaintext = JdkCrypto.open(aead, key, open.bytes("nonce"),
                        JdkCrypto.concat(open.bytes("ciphertext"), open.bytes("tag")), open.bytes("aad"));
            } catch (javax.crypto.AEADBadTagException e) {
                throw new AssertionError(open + ": the tag does not verify under the " + direction + " key", e);
            }
            assertHex(open, "plaintext", plaintext);
            TraceLine seal = sealedByPeer.remove(counter);
            assertThat(seal).as("%s: the peer's seal of message #%d", open, counter).isNotNull();
            for (String name : List.of("nonce", "aad", "plaintext", "ciphertext", "tag")) {
                assertThat(open.text(name)).as("%s: '%s' as %s sealed it", open, name, seal).isEqualTo(seal.text(name));
            }
        }
        assertThat(sealedByPeer.keySet()).as("messages %s sealed that %s never opened", other(party), party).isEmpty();
        return opens.size();
    }

    // ---- helpers ----

    private String other(String party) {
        return byParty.keySet().stream().filter(p -> !p.equals(party)).findFirst().orElseThrow();
    }

    private List<TraceLine> all(String party, String step) {
        return byParty.get(party).stream().filter(l -> l.step().equals(step)).toList();
    }

    private TraceLine one(String party, String step) {
        List<TraceLine> lines = all(party, step);
        assertThat(lines).as("%s's '%s' steps", party, step).hasSize(1);
        return lines.get(0);
    }

    private String text(String label) {
        return new String(fields.get(label), StandardCharsets.UTF_8);
    }

    private static void assertHex(TraceLine line, String name, byte[] expected) {
        assertThat(line.text(name)).as("%s: '%s'", line, name).isEqualTo(hex(expected));
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
