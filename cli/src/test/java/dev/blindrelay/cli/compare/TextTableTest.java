package dev.blindrelay.cli.compare;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTableTest {

    @Test
    void render_alignsColumns_numbersRight() {
        String table = new TextTable("suite", ">MB/s").row("p256-aesgcm", "1,406").row("x", "9.9").render();

        assertThat(table).isEqualTo("""
                suite         MB/s
                ------------------
                p256-aesgcm  1,406
                x              9.9
                """);
    }
}
