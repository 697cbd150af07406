package dev.blindrelay.cli.compare;

import dev.blindrelay.cli.compare.ProviderComparison.ProviderRate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    /** A report with made-up figures and a plugin whose description tries to inject markup. */
    static CompareReport sample() {
        List<Component> parts = List.of(
                new Component("key agreement", "P256", "BouncyCastle 1.87", "<script>alert(1)</script>",
                        "public key 65 B"),
                new Component("KDF", "HKDF-SHA256", "SunJCE", "HKDF-SHA256", "hash 32 B"),
                new Component("AEAD", "AES-256-GCM", "SunJCE", "AES & GCM", "key 32 B, nonce 12 B, tag 16 B"));
        SuiteMeasurement suite = new SuiteMeasurement("P256_HKDF-SHA256_AES-256-GCM", "p256-aesgcm", 800, 1700,
                List.of(70.0, 1400.0), new WireCost(149, 248, 117, 51, 42, 185), parts,
                new RatchetCost(1024, 90_000, 80_000, 900));
        ProviderComparison aead = new ProviderComparison("AEAD", "AES-256-GCM", "MB/s", List.of("64 B", "16 KiB"),
                List.of(new ProviderRate("SunJCE", true, List.of(70.0, 1400.0)),
                        new ProviderRate("BouncyCastle", false, List.of(20.0, 56.0))));
        ProviderComparison p256 = new ProviderComparison("key agreement", "P256", "key agreements/s",
                List.of("keygen+agree"), List.of(new ProviderRate("BouncyCastle 1.87", true, List.of(1700.0))));
        return new CompareReport(new Machine("Test CPU", 4, "17", "Linux", "2026-01-01T00:00:00Z", 0.5),
                Duration.ofSeconds(1), Duration.ofMillis(250), List.of(64, 16384), List.of(suite),
                List.of(p256, aead));
    }

    @Test
    void render_chartsWithStableIds() {
        String html = HtmlReport.render(sample());

        assertThat(html).contains("<svg class=\"chart\" id=\"chart-handshakes\"",
                "<svg class=\"chart\" id=\"chart-throughput\"",
                "<svg class=\"chart\" id=\"chart-provider-key-agreement-p256\"",
                "<svg class=\"chart\" id=\"chart-provider-aead-aes-256-gcm\"", "id=\"wire-table\"",
                "id=\"component-table\"", "id=\"machine\"", "id=\"ratchet-table\"");
        assertThat(Pattern.compile("<rect class=\"bar\"").matcher(html).results().count()).isEqualTo(2 + 2 + 1 + 4);
        assertThat(html).contains("BouncyCastle AES-256-GCM is 25x slower than SunJCE here (at 16 KiB)",
                "No other provider offers P256 here", "149 + 248 + 117 = 514 B", "526 B", "51 B", "55 B",
                "51 B (+9)", "+134 B", "0.89x",
                "Test CPU", "2026-01-01T00:00:00Z");
    }

    @Test
    void render_selfContained() {
        String html = HtmlReport.render(sample());

        assertThat(html).doesNotContain("<link", " src=", "url(", "@import", "@font-face");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:", "https:");
    }

    @Test
    void render_pluginTextEscaped() {
        String html = HtmlReport.render(sample());

        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "AES &amp; GCM")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    void render_busyMachine_warns() {
        CompareReport quiet = sample();
        CompareReport busy = new CompareReport(new Machine("cpu", 2, "17", "Linux", "now", 3.5), quiet.measure(),
                quiet.warmup(), quiet.sizes(), quiet.suites(), quiet.providers());

        assertThat(HtmlReport.render(quiet)).doesNotContain("class=\"warning\"");
        assertThat(HtmlReport.render(busy)).contains("class=\"warning\"", "load average 3.50 on 2 cores");
    }
}
