package dev.blindrelay.cli.trace;

import dev.blindrelay.cli.docs.JdkCrypto;

import javax.crypto.Mac;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ratchet part of a trace (PROTOCOL.md §8.2), recomputed with the JDK (and BouncyCastle's ML-KEM) through
 * {@link JdkCrypto}: the first root and chain keys from the PRK; every asymmetric step, its secret recomputed from
 * the receiver's side (the private key of the share it answers and the response), its root and chain keys, and
 * the receiver's view of it; every message key from its chain, chain keys following one another within an epoch;
 * every nonce; every seal recomputed, and every sealed message opened once by the peer with the same values.
 */
final class RatchetTraceCheck {

    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, List<TraceLine>> byParty;
    private final String suite;
    private final String keyAgreement;
    private final String kdf;
    private final String aead;
    private final String initiator;
    private final int hashLength;
    /** Share (private, public) by the epoch that published it. */
    private final Map<Long, TraceLine> shares = new HashMap<>();
    /** The first chain key of each sending chain, by party and epoch. */
    private final Map<String, byte[]> firstChainKeys = new HashMap<>();

    RatchetTraceCheck(Map<String, List<TraceLine>> byParty, String suite, String initiator)
            throws GeneralSecurityException {
        this.byParty = byParty;
        this.suite = suite;
        this.keyAgreement = JdkCrypto.component(suite, 0);
        this.kdf = JdkCrypto.component(suite, 1);
        this.aead = JdkCrypto.component(suite, 2);
        this.initiator = initiator;
        this.hashLength = Mac.getInstance(JdkCrypto.hmacName(kdf)).getMacLength();
    }

    /** @return {sealed, opened, steps} */
    int[] verify(byte[] prk) throws GeneralSecurityException {
        byte[] root = firstKeys(prk);
        List<TraceLine> steps = steps();
        for (TraceLine step : steps) {
            root = step(step, root);
        }
        int sealed = 0;
        int opened = 0;
        for (String party : byParty.keySet()) {
            sealed += seals(party);
        }
        for (String party : byParty.keySet()) {
            opened += opens(party);
        }
        return new int[] {sealed, opened, steps.size()};
    }

    /** Root key and each direction's first chain key, from the PRK; the initiator's first share. */
    private byte[] firstKeys(byte[] prk) throws GeneralSecurityException {
        Map<String, byte[]> keys = new HashMap<>();
        for (String label : List.of("root key", "i2r chain key", "r2i chain key")) {
            keys.put(label, JdkCrypto.expand(kdf, prk, JdkCrypto.info(suite, label), hashLength));
        }
        for (String party : byParty.keySet()) {
            TraceLine line = one(party, "ratchet-keys");
            keys.forEach((label, key) -> assertHex(line, label, key));
            firstChainKeys.put(party + "/1", keys.get(party.equals(initiator) ? "i2r chain key" : "r2i chain key"));
        }
        TraceLine first = one(initiator, "ratchet-share");
        assertThat(first.text("epoch")).isEqualTo("1");
        assertShare(first);
        shares.put(1L, first);
        return keys.get("root key");
    }

    /** Every step in epoch order (2, 3, ...), each published share recorded. */
    private List<TraceLine> steps() {
        List<TraceLine> steps = new ArrayList<>();
        byParty.values().forEach(lines -> lines.stream().filter(l -> l.step().equals("ratchet-step")).forEach(steps::add));
        steps.sort((a, b) -> Long.compare(epoch(a), epoch(b)));
        for (int i = 0; i < steps.size(); i++) {
            assertThat(epoch(steps.get(i))).as("%s: steps follow one another", steps.get(i)).isEqualTo(i + 2L);
            shares.put(epoch(steps.get(i)), steps.get(i));
        }
        return steps;
    }

    /** One step, from both sides: returns the new root key. */
    private byte[] step(TraceLine step, byte[] root) throws GeneralSecurityException {
        long epoch = epoch(step);
        assertThat(step.party().equals(initiator)).as("%s: the initiator's steps are odd", step)
                .isEqualTo(epoch % 2 == 1);
        TraceLine answered = shares.get(epoch - 1);
        assertHex(step, "peer share", answered.bytes("share public"));
        String peer = step.peer();
        List<TraceLine> received = all(peer, "ratchet-receive").stream().filter(l -> epoch(l) == epoch).toList();
        assertThat(received).as("%s's view of step %d", peer, epoch).hasSize(1);
        TraceLine view = received.get(0);
        assertHex(view, "share private", answered.bytes("share private"));
        assertHex(view, "share public", answered.bytes("share public"));
        for (String name : List.of("response", "shared secret", "root key before", "root key", "chain key")) {
            assertThat(view.text(name)).as("%s: '%s' as %s computed it", view, name, step).isEqualTo(step.text(name));
        }
        byte[] secret = JdkCrypto.agree(keyAgreement, answered.bytes("share private"), step.bytes("response"));
        assertHex(step, "shared secret", secret);
        assertHex(step, "root key before", root);
        byte[] out = JdkCrypto.expand(kdf, JdkCrypto.extract(kdf, root, secret), JdkCrypto.info(suite, "root step"),
                2 * hashLength);
        byte[] next = Arrays.copyOf(out, hashLength);
        byte[] chain = Arrays.copyOfRange(out, hashLength, out.length);
        assertHex(step, "root key", next);
        assertHex(step, "chain key", chain);
        assertShare(step);
        firstChainKeys.put(step.party() + "/" + epoch, chain);
        return next;
    }

    /** Message keys from chain keys, chain keys from one another, nonces, and the seal itself. */
    private int seals(String party) throws GeneralSecurityException {
        Map<Long, byte[]> chains = new HashMap<>();
        Map<Long, Long> next = new HashMap<>();
        List<TraceLine> seals = all(party, "seal");
        for (TraceLine seal : seals) {
            long epoch = epoch(seal);
            long n = Long.parseLong(seal.text("n"));
            assertThat(n).as("%s: numbers run 0, 1, 2, ... in an epoch", seal).isEqualTo(next.getOrDefault(epoch, 0L));
            next.put(epoch, n + 1);
            byte[] chainKey = chains.computeIfAbsent(epoch, e -> firstChainKeys.get(party + "/" + e));
            assertThat(chainKey).as("%s: an epoch %s started", seal, party).isNotNull();
            assertHex(seal, "chain key", chainKey);
            byte[] out = JdkCrypto.expand(kdf, chainKey, JdkCrypto.info(suite, "chain step"),
                    hashLength + JdkCrypto.aeadKeyLength(aead));
            chains.put(epoch, Arrays.copyOf(out, hashLength));
            byte[] messageKey = Arrays.copyOfRange(out, hashLength, out.length);
            assertHex(seal, "message key", messageKey);
            byte[] nonce = new byte[JdkCrypto.aeadNonceLength(aead)];
            ByteBuffer.wrap(nonce, nonce.length - 8, 8).putInt((int) epoch).putInt((int) n);
            assertHex(seal, "nonce", nonce);
            fieldsInAad(seal, epoch, n);
            byte[] sealed = JdkCrypto.seal(aead, messageKey, nonce, seal.bytes("plaintext"), seal.bytes("aad"));
            int tagAt = sealed.length - JdkCrypto.aeadTagLength(aead);
            assertHex(seal, "ciphertext", Arrays.copyOf(sealed, tagAt));
            assertHex(seal, "tag", Arrays.copyOfRange(sealed, tagAt, sealed.length));
        }
        return seals.size();
    }

    /** The AAD is the frame up to the ciphertext: it ends with the ratchet fields the trace states. */
    private void fieldsInAad(TraceLine line, long epoch, long n) {
        byte[] aad = line.bytes("aad");
        int at = 2;
        for (int i = 0; i < 3; i++) {
            at += 1 + (aad[at] & 0xFF);
        }
        ByteBuffer fields = ByteBuffer.wrap(aad, at, aad.length - at);
        assertThat(fields.getInt() & 0xFFFFFFFFL).as("%s: epoch in the AAD", line).isEqualTo(epoch);
        assertThat(fields.getInt() & 0xFFFFFFFFL).as("%s: n in the AAD", line).isEqualTo(n);
        assertThat(fields.getInt() & 0xFFFFFFFFL).as("%s: previous", line)
                .isEqualTo(Long.parseLong(line.text("previous")));
        assertThat(fields.getInt() & 0xFFFFFFFFL).as("%s: seen", line).isEqualTo(Long.parseLong(line.text("seen")));
        assertThat(fields.get() == 1).as("%s: keys attached", line)
                .isEqualTo(Boolean.parseBoolean(line.text("keys attached")));
    }

    /** Every message the peer sealed is opened once, with the same keys and bytes. */
    private int opens(String party) {
        Map<String, TraceLine> sealedByPeer = new HashMap<>();
        for (TraceLine seal : all(other(party), "seal")) {
            sealedByPeer.put(seal.text("epoch") + "/" + seal.text("n"), seal);
        }
        List<TraceLine> opens = all(party, "open");
        for (TraceLine open : opens) {
            TraceLine seal = sealedByPeer.remove(open.text("epoch") + "/" + open.text("n"));
            assertThat(seal).as("%s: the peer's seal of this message", open).isNotNull();
            for (String name : List.of("chain key", "message key", "nonce", "aad", "plaintext", "ciphertext", "tag")) {
                assertThat(open.text(name)).as("%s: '%s' as %s sealed it", open, name, seal).isEqualTo(seal.text(name));
            }
        }
        assertThat(sealedByPeer.keySet()).as("messages %s sealed that %s never opened", other(party), party).isEmpty();
        return opens.size();
    }

    private void assertShare(TraceLine line) throws GeneralSecurityException {
        assertThat(JdkCrypto.publicKeyMatches(keyAgreement, line.bytes("share private"), line.bytes("share public")))
                .as("%s: the share's public value belongs to its private key", line).isTrue();
    }

    private static long epoch(TraceLine line) {
        return Long.parseLong(line.text("epoch"));
    }

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

    private static void assertHex(TraceLine line, String name, byte[] expected) {
        assertThat(line.text(name)).as("%s: '%s'", line, name).isEqualTo(HEX.formatHex(expected));
    }
}
