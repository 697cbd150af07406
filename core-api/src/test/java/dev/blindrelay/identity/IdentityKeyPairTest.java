package dev.blindrelay.identity;

import dev.blindrelay.testing.Wycheproof;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityKeyPairTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MESSAGE = "BlindRelay/1 responder signature".getBytes(StandardCharsets.US_ASCII);

    static List<Wycheproof.Case> ed25519() {
        return Wycheproof.cases("ed25519_test.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ed25519")
    void verify_wycheproofEd25519(Wycheproof.Case vector) {
        byte[] publicKey = HexFormat.of().parseHex(vector.group().get("publicKey").get("pk").asText());
        boolean verified = IdentityKeyPair.verify(publicKey, vector.hex("msg"), vector.hex("sig"));
        assertThat(vector.result()).as("this file has only valid and invalid cases").isIn("valid", "invalid");
        assertThat(verified).as(vector.toString()).isEqualTo(vector.valid());
    }

    @Test
    void verify_wycheproofFileIsComplete() {
        List<Wycheproof.Case> cases = ed25519();
        assertThat(cases).hasSize(151);
        assertThat(cases).filteredOn(Wycheproof.Case::valid).hasSize(88);
        assertThat(cases).filteredOn(Wycheproof.Case::invalid).hasSize(63);
    }

    @Test
    void sign_verifiesWithThePublicKey() {
        IdentityKeyPair pair = IdentityKeyPair.generate(RANDOM);
        byte[] signature = pair.sign(MESSAGE);
        assertThat(signature).hasSize(IdentityKeyPair.SIGNATURE_LENGTH);
        assertThat(pair.publicKey()).hasSize(IdentityKeyPair.PUBLIC_KEY_LENGTH);
        assertThat(IdentityKeyPair.verify(pair.publicKey(), MESSAGE, signature)).isTrue();
    }

    @Test
    void sign_deterministic() {
        IdentityKeyPair pair = IdentityKeyPair.generate(RANDOM);
        assertThat(pair.sign(MESSAGE)).isEqualTo(pair.sign(MESSAGE));
    }

    @Test
    void verify_otherKeyMessageOrSignatureFails() {
        IdentityKeyPair pair = IdentityKeyPair.generate(RANDOM);
        byte[] signature = pair.sign(MESSAGE);
        assertThat(IdentityKeyPair.verify(IdentityKeyPair.generate(RANDOM).publicKey(), MESSAGE, signature)).isFalse();
        byte[] otherMessage = MESSAGE.clone();
        otherMessage[0] ^= 1;
        assertThat(IdentityKeyPair.verify(pair.publicKey(), otherMessage, signature)).isFalse();
        for (int i = 0; i < signature.length; i += 7) {
            byte[] bad = signature.clone();
            bad[i] ^= 0x40;
            assertThat(IdentityKeyPair.verify(pair.publicKey(), MESSAGE, bad)).as("byte %d", i).isFalse();
        }
    }

    @Test
    void verify_wrongLengthsReturnFalse() {
        IdentityKeyPair pair = IdentityKeyPair.generate(RANDOM);
        byte[] signature = pair.sign(MESSAGE);
        byte[] key = pair.publicKey();
        assertThat(IdentityKeyPair.verify(new byte[0], MESSAGE, signature)).isFalse();
        assertThat(IdentityKeyPair.verify(java.util.Arrays.copyOf(key, 31), MESSAGE, signature)).isFalse();
        assertThat(IdentityKeyPair.verify(java.util.Arrays.copyOf(key, 33), MESSAGE, signature)).isFalse();
        assertThat(IdentityKeyPair.verify(key, MESSAGE, java.util.Arrays.copyOf(signature, 63))).isFalse();
        assertThat(IdentityKeyPair.verify(key, MESSAGE, java.util.Arrays.copyOf(signature, 65))).isFalse();
        assertThat(IdentityKeyPair.verify(key, MESSAGE, new byte[0])).isFalse();
    }

    @Test
    void fromPrivateKey_roundTripsTheSeed() {
        IdentityKeyPair pair = IdentityKeyPair.generate(RANDOM);
        IdentityKeyPair restored = IdentityKeyPair.fromPrivateKey(pair.privateKey());
        assertThat(restored).isEqualTo(pair).hasSameHashCodeAs(pair);
        assertThat(restored.publicKey()).isEqualTo(pair.publicKey());
        assertThat(IdentityKeyPair.verify(pair.publicKey(), MESSAGE, restored.sign(MESSAGE))).isTrue();
    }

    @Test
    void fromPrivateKey_rfc8032TestVector1() {
        // RFC 8032 section 7.1, TEST 1: empty message.
        byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        IdentityKeyPair pair = IdentityKeyPair.fromPrivateKey(seed);
        assertThat(HexFormat.of().formatHex(pair.publicKey()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(HexFormat.of().formatHex(pair.sign(new byte[0]))).isEqualTo(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void fromPrivateKey_wrongLengthRejected() {
        for (int length : new int[] {0, 31, 33, 64}) {
            assertThatThrownBy(() -> IdentityKeyPair.fromPrivateKey(new byte[length]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got " + length);
        }
    }

    @Test
    void publicKey_returnsCopies() {
        IdentityKeyPair pair = IdentityKeyPair.generate(RANDOM);
        byte[] key = pair.publicKey();
        key[0] ^= 1;
        assertThat(pair.publicKey()).isNotEqualTo(key);
    }

    @Test
    void toString_showsFingerprintNeverTheSeed() {
        IdentityKeyPair pair = IdentityKeyPair.generate(RANDOM);
        assertThat(pair.toString()).contains(Fingerprint.hex(pair.publicKey()))
                .doesNotContain(HexFormat.of().formatHex(pair.privateKey()));
    }
}
