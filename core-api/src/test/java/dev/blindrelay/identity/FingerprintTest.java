package dev.blindrelay.identity;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

    @Test
    void hex_firstEightBytesOfSha256InPairs() throws Exception {
        byte[] key = new byte[32];
        key[0] = 1;
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
        String expected = HexFormat.ofDelimiter(":").formatHex(digest, 0, 8);
        assertThat(Fingerprint.hex(key)).isEqualTo(expected).matches("([0-9a-f]{2}:){7}[0-9a-f]{2}");
    }

    @Test
    void hex_differsForDifferentKeys() {
        assertThat(Fingerprint.hex(new byte[32])).isNotEqualTo(Fingerprint.hex(new byte[33]));
    }
}
