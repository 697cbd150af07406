package dev.blindrelay.cli.compare;

import dev.blindrelay.cli.UsageException;
import dev.blindrelay.cli.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompareOptionsTest {

    private static CompareOptions parse(String... args) {
        return CompareOptions.from(Settings.parse("compare", CompareCommand.KEYS, args));
    }

    @Test
    void from_defaults() {
        CompareOptions options = parse();
        assertThat(options.suites()).isEmpty();
        assertThat(options.sizes()).containsExactly(64, 1024, 16384);
        assertThat(options.measure()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.html()).isNull();
    }

    @Test
    void from_everyFlag() {
        CompareOptions options = parse("--suites", "x25519-chacha, p256-aesgcm,x25519-chacha", "--sizes", "1024,64",
                "--seconds", "0.05", "--html", "out/report.html");
        assertThat(options.suites()).containsExactly("x25519-chacha", "p256-aesgcm");
        assertThat(options.sizes()).containsExactly(1024, 64);
        assertThat(options.measure()).isEqualTo(Duration.ofMillis(50));
        assertThat(options.html()).isEqualTo(Path.of("out/report.html"));
    }

    @Test
    void from_allInAnyCase() {
        assertThat(parse("--suites", "ALL").suites()).isEmpty();
    }

    @Test
    void sizes_repeatsDropped() {
        assertThat(CompareOptions.sizes("64, 64 ,1024")).isEqualTo(List.of(64, 1024));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "64,abc", "0", "-5", "64,,1024", "", "1048577", "1.5"})
    void sizes_invalid(String value) {
        assertThatThrownBy(() -> CompareOptions.sizes(value))
                .isInstanceOf(UsageException.class)
                .hasMessage("--sizes must be message sizes in bytes from 1 to 1048576, separated by commas "
                        + "(e.g. 64,1024,16384), got '" + value + "'");
    }

    @Test
    void seconds_fractionsAllowed() {
        assertThat(CompareOptions.seconds("0.05")).isEqualTo(Duration.ofMillis(50));
        assertThat(CompareOptions.seconds(" 2 ")).isEqualTo(Duration.ofSeconds(2));
        assertThat(CompareOptions.seconds("600")).isEqualTo(Duration.ofMinutes(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "0.0001", "abc", "601", "1e9", "NaN"})
    void seconds_invalid(String value) {
        assertThatThrownBy(() -> CompareOptions.seconds(value))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--seconds must be a time per measurement from 0.001 to 600 seconds")
                .hasMessageEndingWith("got '" + value + "'");
    }
}
