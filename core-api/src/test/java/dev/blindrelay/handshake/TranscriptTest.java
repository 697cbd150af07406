package dev.blindrelay.handshake;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.assertj.core.api.Assertions.assertThat;

class TranscriptTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The documented formula, computed here independently. */
    private static byte[] step(byte[] previous, String label, byte[] value) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(previous);
        sha.update((byte) label.length());
        sha.update(label.getBytes(StandardCharsets.US_ASCII));
        sha.update(ByteBuffer.allocate(4).putInt(value.length).array());
        sha.update(value);
        return sha.digest();
    }

    @Test
    void hash_startsAtThirtyTwoZeroBytes() {
        assertThat(new Transcript().hash()).hasSize(Transcript.HASH_LENGTH).containsOnly(0);
    }

    @Test
    void absorb_matchesTheDocumentedFormula() throws Exception {
        Transcript transcript = new Transcript();
        byte[] expected = step(new byte[32], "protocol", utf8("BlindRelay/1"));
        assertThat(transcript.absorb("protocol", utf8("BlindRelay/1"))).isEqualTo(expected);
        expected = step(expected, "room", utf8("lobby"));
        assertThat(transcript.absorb("room", "lobby")).isEqualTo(expected);
        expected = step(expected, "empty", new byte[0]);
        assertThat(transcript.absorb("empty", new byte[0])).isEqualTo(expected);
        assertThat(transcript.hash()).isEqualTo(expected);
    }

    @Test
    void absorb_orderMatters() {
        Transcript first = new Transcript();
        first.absorb("a", "1");
        first.absorb("b", "2");
        Transcript second = new Transcript();
        second.absorb("b", "2");
        second.absorb("a", "1");
        assertThat(first.hash()).isNotEqualTo(second.hash());
    }

    @Test
    void absorb_labelMatters() {
        Transcript initiator = new Transcript();
        initiator.absorb("initiator", "alice");
        Transcript responder = new Transcript();
        responder.absorb("responder", "alice");
        assertThat(initiator.hash()).isNotEqualTo(responder.hash());
    }

    @Test
    void absorb_lengthPrefixesKeepSplitsApart() {
        Transcript labelValue = new Transcript();
        labelValue.absorb("ab", "c");
        Transcript shifted = new Transcript();
        shifted.absorb("a", "bc");
        assertThat(labelValue.hash()).isNotEqualTo(shifted.hash());

        Transcript twoFields = new Transcript();
        twoFields.absorb("x", "ab");
        twoFields.absorb("x", "c");
        Transcript otherSplit = new Transcript();
        otherSplit.absorb("x", "a");
        otherSplit.absorb("x", "bc");
        assertThat(twoFields.hash()).isNotEqualTo(otherSplit.hash());
    }

    @Test
    void absorb_sameInputsSameHash() {
        Transcript one = new Transcript();
        Transcript two = new Transcript();
        assertThat(one.absorb("suite", "A_B_C")).isEqualTo(two.absorb("suite", "A_B_C"));
    }

    @Test
    void hash_returnsCopies() {
        Transcript transcript = new Transcript();
        byte[] returned = transcript.absorb("a", "1");
        returned[0] ^= 1;
        byte[] hash = transcript.hash();
        hash[1] ^= 1;
        assertThat(transcript.hash()).isNotEqualTo(returned).isNotEqualTo(hash);
    }
}
