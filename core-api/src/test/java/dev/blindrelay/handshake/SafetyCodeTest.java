package dev.blindrelay.handshake;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SafetyCodeTest {

    /** SHA-256(label || h), first 8 bytes unsigned, mod 10^12, as "dddd dddd dddd": computed independently. */
    private static String expected(byte[] handshakeHash) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("BlindRelay/2 safety code".getBytes(StandardCharsets.US_ASCII));
        byte[] digest = sha.digest(handshakeHash);
        BigInteger value = new BigInteger(1, Arrays.copyOf(digest, 8)).mod(BigInteger.TEN.pow(12));
        String digits = String.format("%012d", value);
        return digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8);
    }

    @Test
    void of_formatIsTwelveDigitsInThreeGroups() {
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            assertThat(SafetyCode.of(hash)).matches("\\d{4} \\d{4} \\d{4}");
        }
    }

    @Test
    void of_matchesIndependentComputationIncludingHighBitAndLeadingZeros() throws Exception {
        Random random = new Random(2);
        boolean sawLeadingZero = false;
        for (int i = 0; i < 2000; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            String code = SafetyCode.of(hash);
            assertThat(code).isEqualTo(expected(hash));
            sawLeadingZero |= code.startsWith("0");
        }
        assertThat(sawLeadingZero).as("some code among 2000 starts with 0, so padding was exercised").isTrue();
    }

    @Test
    void of_deterministic() {
        byte[] hash = new byte[32];
        hash[5] = 42;
        assertThat(SafetyCode.of(hash)).isEqualTo(SafetyCode.of(hash.clone()));
    }

    @Test
    void of_changesWithAnyBitOfTheHash() {
        byte[] hash = new byte[32];
        Set<String> codes = new HashSet<>();
        codes.add(SafetyCode.of(hash));
        for (int bit = 0; bit < 256; bit++) {
            byte[] flipped = hash.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            codes.add(SafetyCode.of(flipped));
        }
        assertThat(codes).hasSize(257);
    }
}
