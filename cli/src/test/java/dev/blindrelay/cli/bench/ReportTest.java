package dev.blindrelay.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    private static Report sample() {
        return new Report().section("raw")
                .number("raw_per_second", "delivered per second", 412_345.6, "msg/s")
                .number("raw_latency_p50_us", "one-way latency p50", 87.25, "us")
                .number("relay_rss_mib", "relay resident set", Double.NaN, "MiB")
                .text("verdict", "verdict", "PASS: \"quoted\"");
    }

    @Test
    void print_alignsLabelsAndValues() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        sample().print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "raw",
                "  delivered per second  412,346 msg/s",
                "  one-way latency p50      87.3 us",
                "  relay resident set        n/a MiB",
                "  verdict               PASS: \"quoted\"");
    }

    @Test
    void toJson_hasEveryFigureUnderItsKeyAndNullForWhatWasNotMeasured() throws Exception {
        JsonNode json = new ObjectMapper().readTree(sample().toJson());

        assertThat(json.size()).isEqualTo(4);
        assertThat(json.get("raw_per_second").asDouble()).isEqualTo(412_345.6);
        assertThat(json.get("relay_rss_mib").isNull()).isTrue();
        assertThat(json.get("verdict").asText()).isEqualTo("PASS: \"quoted\"");
    }

    @Test
    void value_findsANumberByKey() {
        assertThat(sample().value("raw_latency_p50_us")).isEqualTo(87.25);
        assertThat(sample().value("missing")).isNaN();
    }
}
