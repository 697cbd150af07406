package dev.blindrelay.cli.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StampTest {

    @Test
    void toText_isPaddedToTheSizeAndParsesBack() {
        Stamp stamp = new Stamp(42, 123_456_789_012L);

        String text = stamp.toText(Stamp.padding(1024));

        assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
        assertThat(Stamp.parse(text)).isEqualTo(stamp);
    }

    @Test
    void toText_smallerThanTheNumbers_keepsTheNumbers() {
        assertThat(Stamp.parse(new Stamp(7, -5).toText(Stamp.padding(3)))).isEqualTo(new Stamp(7, -5));
    }

    @Test
    void parse_ordinaryChat_isNull() {
        assertThat(Stamp.parse("hello there")).isNull();
        assertThat(Stamp.parse("12")).isNull();
    }
}
