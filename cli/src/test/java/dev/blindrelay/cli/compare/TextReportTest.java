package dev.blindrelay.cli.compare;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextReportTest {

    @Test
    void render_tablesWithUnits() {
        String text = TextReport.render(HtmlReportTest.sample());

        assertThat(text).contains(
                "Machine: Test CPU, 4 cores; Java 17; Linux; load average 0.50",
                "suite        handshakes/s  key agreements/s  MB/s @64 B  MB/s @16 KiB",
                "p256-aesgcm           800             1,700        70.0         1,400",
                "p256-aesgcm  149 + 248 + 117 = 514 B",
                "p256-aesgcm = P256_HKDF-SHA256_AES-256-GCM",
                "  provider      64 B  16 KiB  vs * at 16 KiB",
                "  SunJCE *      70.0   1,400\n",
                "  BouncyCastle  20.0    56.0  25x slower",
                "  -> BouncyCastle AES-256-GCM is 25x slower than SunJCE here (at 16 KiB)",
                "  no other provider offers P256 here");
        assertThat(text).doesNotContain("Warning");
    }

    @Test
    void render_descriptionShown_bareIdNot() {
        String text = TextReport.render(HtmlReportTest.sample());

        assertThat(text).contains("Security properties\n  P256         <script>alert(1)</script>\n"
                + "  HKDF-SHA256  -\n  AES-256-GCM  AES & GCM\n");
    }
}
