package dev.blindrelay.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteIdTest {

    @Test
    void parse_canonicalIdSplitsIntoComponents() {
        SuiteId id = SuiteId.parse("P256_HKDF-SHA256_AES-256-GCM");
        assertThat(id.keyAgreement()).isEqualTo("P256");
        assertThat(id.kdf()).isEqualTo("HKDF-SHA256");
        assertThat(id.aead()).isEqualTo("AES-256-GCM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P256_HKDF-SHA256_AES-256-GCM", "X25519_HKDF-SHA256_CHACHA20-POLY1305",
            "X448_HKDF-SHA256_AES-128-GCM", "A_B_C", "1_2_3"})
    void toString_roundTrips(String text) {
        SuiteId id = SuiteId.parse(text);
        assertThat(id.toString()).isEqualTo(text);
        assertThat(SuiteId.parse(id.toString())).isEqualTo(id);
        assertThat(id.toBytes()).isEqualTo(text.getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P256_HKDF-SHA256", "P256", "P256_HKDF-SHA256_AES-256-GCM_EXTRA", "P256-HKDF-AES",
            "___"})
    void parse_notExactlyThreeParts(String text) {
        assertThatThrownBy(() -> SuiteId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("exactly three parts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"_HKDF-SHA256_AES-256-GCM", "P256__AES-256-GCM", "P256_HKDF-SHA256_", "__"})
    void parse_emptyPart(String text) {
        assertThatThrownBy(() -> SuiteId.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p256_HKDF-SHA256_AES-256-GCM", "P256_hkdf-sha256_AES-256-GCM",
            "P256_HKDF-SHA256_aes-256-gcm", "P256_HKDF-SHA256_Aes-256-GCM"})
    void parse_lowerCaseRejected(String text) {
        assertThatThrownBy(() -> SuiteId.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upper-case");
    }

    @ParameterizedTest
    @ValueSource(strings = {" P256_HKDF-SHA256_AES-256-GCM", "P256_HKDF-SHA256_AES-256-GCM ", "P256_HKDF SHA256_AES",
            "P256_HKDF-SHA256_AES\t256", "P256_HKDF-SHA256_AES-256-GCM\n"})
    void parse_whitespaceRejected(String text) {
        assertThatThrownBy(() -> SuiteId.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-P256_HKDF-SHA256_AES-256-GCM", "P256-_HKDF-SHA256_AES-256-GCM",
            "P256_HKDF-SHA256_AES-256-GCM-", "P256_-_AES", "P256_HKDF-SHA256_-"})
    void parse_dashOnlyBetweenLettersOrDigits(String text) {
        assertThatThrownBy(() -> SuiteId.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"P256_HKDF.SHA256_AES", "P256_HKDF/SHA256_AES", "P256_HKDF-SHA256_AES-256-GCM\u00c9",
            "P256_HKDF-SHA256_\u0410ES"})
    void parse_otherCharactersRejected(String text) {
        assertThatThrownBy(() -> SuiteId.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_componentOf32CharactersAcceptedAnd33Rejected() {
        String max = "A".repeat(32);
        SuiteId longest = SuiteId.parse(max + "_" + max + "_" + max);
        assertThat(longest.toString()).hasSize(SuiteId.MAX_LENGTH);
        assertThatThrownBy(() -> SuiteId.parse("A".repeat(33) + "_B_C"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 32");
        assertThatThrownBy(() -> SuiteId.parse("A_B_" + "C".repeat(33))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_nullOrEmpty() {
        assertThatThrownBy(() -> SuiteId.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty suite id");
        assertThatThrownBy(() -> SuiteId.parse("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty suite id");
    }

    @Test
    void constructor_validatesEachComponentByName() {
        assertThatThrownBy(() -> new SuiteId("P256", "HKDF_SHA256", "AES"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KDF id 'HKDF_SHA256'");
        assertThatThrownBy(() -> new SuiteId(null, "HKDF", "AES"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key agreement");
        assertThatThrownBy(() -> new SuiteId("P256", "HKDF", "aes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AEAD id 'aes'");
    }

    @Test
    void equals_byComponents() {
        assertThat(SuiteId.parse("A_B_C")).isEqualTo(new SuiteId("A", "B", "C"))
                .isNotEqualTo(SuiteId.parse("A_B_D"));
    }
}
