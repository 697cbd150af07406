package dev.blindrelay.cli.compare;

import dev.blindrelay.cli.CliRun;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.suite.CipherSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A real {@code compare --html} run, opened in headless Chromium: every chart must be laid out with
 * one visible bar per figure, and a screenshot must show them.
 */
class HtmlReportBrowserTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final List<Integer> SIZES = List.of(64, 1024);
    private static final Pattern BAR = Pattern.compile("<rect\\b[^>]*\\bclass=\"bar\"[^>]*>");
    private static final Pattern RENDERED = Pattern.compile("data-rendered-(width|height)=\"([0-9.]+)\"");

    @TempDir
    Path dir;

    @Test
    void compareHtml_everyChartRendersInChromium() throws Exception {
        assumeFalse(HeadlessChromium.skipped(),
                "browser check left out: -D" + HeadlessChromium.SKIP_PROPERTY + "=true");
        HeadlessChromium chromium = HeadlessChromium.locate(dir);
        Path html = dir.resolve("report.html");

        CliRun run = CliRun.of("compare", "--seconds", "0.05", "--sizes", "64,1024", "--html", html.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("HTML report: " + html.toAbsolutePath());
        String dom = chromium.dumpDom(html);
        Map<String, Integer> expected = expectedBars(REGISTRY.suites());
        for (Map.Entry<String, Integer> chart : expected.entrySet()) {
            List<String> bars = bars(svg(dom, chart.getKey()));
            assertThat(bars).as(chart.getKey()).hasSize(chart.getValue());
            bars.forEach(bar -> assertRendered(chart.getKey(), bar));
        }
        assertThat(bars(dom)).as("no chart beyond those expected")
                .hasSize(expected.values().stream().mapToInt(Integer::intValue).sum());

        Path png = dir.resolve("report.png");
        chromium.screenshot(html, png, 1200, 1600);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG Chromium wrote").isNotNull();
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(1600);
        assertThat(pixelsOf(image, SvgBarChart.COLORS.get(0))).as("pixels in the first series' bar colour")
                .isGreaterThan(500);
    }

    /**
     * Bars per chart id: each suite twice in the handshake chart, once per size in the throughput chart; per
     * provider, one bar per step for each key agreement (a hybrid's components too), one per size per AEAD.
     */
    private static Map<String, Integer> expectedBars(List<CipherSuite> suites) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("chart-handshakes", 2 * suites.size());
        expected.put("chart-throughput", SIZES.size() * suites.size());
        for (CipherSuite suite : suites) {
            List<KeyAgreement> keyAgreements = new ArrayList<>(List.of(suite.keyAgreement()));
            keyAgreements.addAll(suite.keyAgreement().components());
            for (KeyAgreement keyAgreement : keyAgreements) {
                expected.put("chart-provider-key-agreement-" + Html.slug(keyAgreement.id()),
                        ProviderBenchmark.KEY_AGREEMENT_COLUMNS.size() * (1 + keyAgreement.providerVariants().size()));
            }
            expected.put("chart-provider-aead-" + Html.slug(suite.aead().id()),
                    SIZES.size() * (1 + suite.aead().providerVariants().size()));
        }
        return expected;
    }

    private static String svg(String dom, String id) {
        int start = dom.indexOf("<svg class=\"chart\" id=\"" + id + "\"");
        assertThat(start).as("chart " + id + " in the rendered DOM").isNotNegative();
        return dom.substring(start, dom.indexOf("</svg>", start));
    }

    private static List<String> bars(String markup) {
        return BAR.matcher(markup).results().map(match -> match.group()).toList();
    }

    /** The size the browser's layout gave the bar, recorded by the report's script. */
    private static void assertRendered(String chart, String bar) {
        Matcher rendered = RENDERED.matcher(bar);
        int found = 0;
        while (rendered.find()) {
            assertThat(Double.parseDouble(rendered.group(2))).as(chart + " bar " + rendered.group(1) + ": " + bar)
                    .isPositive();
            found++;
        }
        assertThat(found).as("rendered width and height of " + bar).isEqualTo(2);
    }

    private static int pixelsOf(BufferedImage image, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (close(rgb >> 16, want >> 16) && close(rgb >> 8, want >> 8) && close(rgb, want)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean close(int a, int b) {
        return Math.abs((a & 0xFF) - (b & 0xFF)) <= 3;
    }
}
