package dev.blindrelay.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blindrelay.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Small runs of the real command, relay in a child JVM; the figures are not checked, only that they are there. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void chat_fanOutInRooms_deliversEverythingOnceAndWritesTheSameFiguresAsJson() throws Exception {
        Path json = dir.resolve("bench.json");

        CliRun run = CliRun.of("bench", "--clients", "6", "--rooms", "2", "--messages", "20", "--size", "100",
                "--suite", "x25519-chacha", "--json", json.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("PASS: delivered == sent \\((\\d+) of \\1\\), no loss, no duplicates")
                .contains("handshake through the relay p50").contains("end-to-end latency p99.9")
                .contains("relay heap with clients").contains("our relay in child JVM pid");
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        // 2 rooms of 3: each client sends 20 messages and warm-up rounds of 5 (one or more) to 2 others.
        long warmup = figures.get("messages_warmup").asLong();
        assertThat(warmup).isPositive().isEqualTo(warmup / 5 * 5);
        assertThat(figures.get("expected").asLong()).isEqualTo(6 * (20 + warmup) * 2);
        assertThat(figures.get("delivered").asLong()).isEqualTo(6 * (20 + warmup) * 2);
        assertThat(figures.get("handshakes").asLong()).isEqualTo(6);
        assertThat(figures.get("relay_connections").asInt()).isEqualTo(6);
        assertThat(figures.get("messages_per_second").asDouble()).isPositive();
        assertThat(figures.get("verdict").asText()).startsWith("PASS");
    }

    @Test
    void rawWithBaseline_comparesTheRelayWithTheFrameForwarderAndTheByteCopier() {
        CliRun run = CliRun.of("bench", "--raw", "--baseline", "--clients", "4", "--messages", "400");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("raw frames through the relay").contains("plain blocking-socket frame forwarder")
                .contains("byte-copying forwarder").contains("relay throughput / frame forwarder throughput")
                .contains("relay throughput / byte-copier throughput")
                .contains("PASS: delivered == sent").contains("no loss, no duplicates")
                .contains("warm-up per sender (until the JITs were quiet)");
    }

    @Test
    void rawWithBaselineRepeated_givesEveryRoundsRatioAndTheirMedian() {
        CliRun run = CliRun.of("bench", "--raw", "--baseline", "--repeat", "2", "--clients", "2", "--messages", "400");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("2 rounds, taking turns; medians")
                .containsPattern("relay / byte copier, each round +[0-9.]+, [0-9.]+ x")
                .containsPattern("byte copier: delivered per second, each round +[0-9,]+, [0-9,]+ msg/s")
                .contains("PASS: delivered == sent");
    }

    @Test
    void handshakesRepeated_giveEveryRoundsMedianAndTheMedianOfThem() throws Exception {
        Path json = dir.resolve("rounds.json");

        CliRun run = CliRun.of("bench", "--repeat", "3", "--clients", "4", "--rooms", "2", "--messages", "0",
                "--suite", "x25519-chacha", "--json", json.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("3 rounds against the same relay (medians)")
                .containsPattern("handshake through the relay p50, each round +[0-9.,]+, [0-9.,]+, [0-9.,]+ us")
                .doesNotContain("delivered per second, each round") // no messages, so no throughput
                .contains("PASS");
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        List<Double> rounds = Arrays.stream(figures.get("handshake_p50_us_rounds").asText().replace(" us", "")
                .split(", ")).map(v -> Double.parseDouble(v.replace(",", ""))).sorted().toList();
        assertThat(rounds).hasSize(3);
        assertThat(figures.get("handshake_p50_us_median").asDouble())
                .isCloseTo(rounds.get(1), org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void versusRawWithTwoSessionTypes_takesTheFirstTypesMedianForTheRatio() throws Exception {
        Path json = dir.resolve("types.json");

        CliRun run = CliRun.of("bench", "--versus-raw", "--session", "ratchet,static", "--clients", "2", "--rooms",
                "1", "--messages", "40", "--size", "64", "--json", json.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        assertThat(figures.get("chat_vs_raw").isNumber()).as("chat_vs_raw is " + figures.get("chat_vs_raw")).isTrue();
        assertThat(figures.get("chat_vs_raw").asDouble()).isPositive()
                .isCloseTo(figures.get("ratchet_messages_per_second_median").asDouble()
                        / figures.get("raw_per_second").asDouble(), org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void versusRaw_followsTheChatWithRawFramesThroughTheSameRelayAndPrintsTheRatio() throws Exception {
        Path json = dir.resolve("versus.json");

        CliRun run = CliRun.of("bench", "--versus-raw", "--clients", "2", "--rooms", "1", "--messages", "40",
                "--size", "64", "--client-io-threads", "2", "--json", json.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("encrypted chat").contains("raw frames through the same relay, right after")
                .contains("chat messages per second / raw frames per second").contains("clients' CPU time per message")
                .contains("PASS: delivered == sent");
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        double ratio = figures.get("chat_vs_raw").asDouble();
        assertThat(ratio).isPositive()
                .isCloseTo(figures.get("messages_per_second").asDouble() / figures.get("raw_per_second").asDouble(),
                        org.assertj.core.data.Percentage.withPercentage(1));
        // The chat's deliveries (2 senders) and the raw pair's frames (5 per chat message, and their warm-up) all count.
        long chat = 2 * (40 + figures.get("messages_warmup").asLong());
        long raw = 5 * 40 + figures.get("raw_warmup").asLong();
        assertThat(figures.get("delivered").asLong()).isEqualTo(chat + raw);
        assertThat(figures.get("client_io_threads").asInt()).isEqualTo(2);
    }

    @Test
    void idle_reportsTheRelaysConnectionsAndHeap() {
        CliRun run = CliRun.of("bench", "--idle", "--clients", "10", "--suite", "x25519-chacha");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("relay connections \\(its count\\) +10")
                .containsPattern("handshakes \\(pairs secured\\) +5").contains("relay heap per client");
    }

    @Test
    void stall_reportsWhatReceiversThatNeverReadCostTheRelay() {
        CliRun run = CliRun.of("bench", "--stall", "--clients", "2");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("receivers that never read")
                .containsPattern("bytes the relay took from the senders \\(all pairs\\) +[0-9.]+ MiB")
                .containsPattern("relay resident set per stalled receiver +-?[0-9.]+ MiB");
    }

    @Test
    void externalRelayThatIsNotThere_failsWithOneLine() {
        CliRun run = CliRun.of("bench", "--clients", "2", "--relay", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("error: cannot reach relay at 127.0.0.1:1").doesNotContain("\n");
    }

    @Test
    void help_listsTheBenchOptions() {
        CliRun run = CliRun.of("bench", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--clients").contains("--raw").contains("--baseline").contains("--idle")
                .contains("--json").contains("--join-rate").contains("--versus-raw").contains("--client-io-threads");
    }
}
