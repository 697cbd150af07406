package dev.blindrelay.cli.compare;

import dev.blindrelay.cli.compare.ProviderComparison.ProviderRate;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderComparisonTest {

    private static ProviderComparison aes(double... bouncyCastle) {
        return new ProviderComparison("AEAD", "AES-256-GCM", "MB/s", List.of("64 B", "16 KiB"), List.of(
                new ProviderRate("SunJCE", true, List.of(50.0, 1000.0)),
                new ProviderRate("BouncyCastle", false, List.of(bouncyCastle[0], bouncyCastle[1]))));
    }

    @Test
    void verdicts_slowerVariant_comparedAtTheLargestSize() {
        assertThat(aes(40, 40).verdicts())
                .containsExactly("BouncyCastle AES-256-GCM is 25x slower than SunJCE here (at 16 KiB)");
    }

    @Test
    void verdicts_fasterVariant() {
        assertThat(aes(40, 1300).verdicts())
                .containsExactly("BouncyCastle AES-256-GCM is 1.3x faster than SunJCE here (at 16 KiB)");
    }

    @Test
    void verdicts_withinTenPercent_aboutAsFast() {
        assertThat(aes(40, 1050).verdicts())
                .containsExactly("BouncyCastle AES-256-GCM is about as fast as SunJCE here (at 16 KiB)");
    }

    @Test
    void verdicts_oneColumn_noSize() {
        ProviderComparison p256 = new ProviderComparison("key agreement", "P256", "key agreements/s",
                List.of("keygen+agree"), List.of(new ProviderRate("BouncyCastle 1.87", true, List.of(3700.0)),
                new ProviderRate("SunEC", false, List.of(700.0))));

        assertThat(p256.verdicts()).containsExactly("SunEC P256 is 5.3x slower than BouncyCastle 1.87 here");
        assertThat(p256.relative(p256.variants().get(0), 0)).isEqualTo("5.3x slower");
    }

    @Test
    void verdicts_noVariants_none() {
        ProviderComparison alone = new ProviderComparison("AEAD", "X", "MB/s", List.of("64 B"),
                List.of(new ProviderRate("SunJCE", true, List.of(1.0))));

        assertThat(alone.variants()).isEmpty();
        assertThat(alone.verdicts()).isEmpty();
    }

    @Test
    void new_pluginMustComeFirst() {
        assertThatThrownBy(() -> new ProviderComparison("AEAD", "X", "MB/s", List.of("64 B"),
                List.of(new ProviderRate("Other", false, List.of(1.0)))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
