package dev.blindrelay.cli.trace;

import dev.blindrelay.cli.CliRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code blindrelay demo --trace-json FILE} writes every step of the handshake and of every message; this
 * test runs the real demo for each shipped suite and recomputes the whole file from its own inputs with
 * the JDK alone, and BouncyCastle for ML-KEM ({@link TraceCheck}). So the trace cannot lie, and a learner can trust it as a worked
 * example. The tamper tests show the check is not vacuous: changing any one traced value is caught.
 */
class TraceRecomputeTest {

    private static final Map<String, CliRun> RUNS = new ConcurrentHashMap<>();
    private static final Map<String, List<TraceLine>> TRACES = new ConcurrentHashMap<>();

    private static final Map<String, String> SUITE_IDS = Map.of(
            "p256-aesgcm", "P256_HKDF-SHA256_AES-256-GCM",
            "x25519-chacha", "X25519_HKDF-SHA256_CHACHA20-POLY1305",
            "pq", "X25519MLKEM768_HKDF-SHA256_AES-256-GCM");

    /** Runs the demo once per suite (and session type: "suite" or "suite/static"), in-process, and reads its trace. */
    private static synchronized List<TraceLine> trace(String suite) throws Exception {
        List<TraceLine> cached = TRACES.get(suite);
        if (cached != null) {
            return cached;
        }
        Path file = Files.createTempFile("blindrelay-trace-" + suite.replace('/', '-'), ".jsonl");
        try {
            String[] parts = suite.split("/");
            CliRun run = CliRun.of("demo", "--suite", parts[0], "--session", parts.length > 1 ? parts[1] : "ratchet",
                    "--trace-json", file.toString());
            assertThat(run.exitCode()).as("demo exit code; output:\n%s\n%s", run.out(), run.err()).isZero();
            RUNS.put(suite, run);
            List<TraceLine> trace = TraceLine.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
            TRACES.put(suite, trace);
            return trace;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"p256-aesgcm", "x25519-chacha", "pq", "x25519-chacha/static"})
    void demoTrace_recomputesWithTheJdkAlone(String suite) throws Exception {
        List<TraceLine> trace = trace(suite);

        TraceCheck.Result result = TraceCheck.verify(trace);

        assertThat(result.suiteId()).isEqualTo(SUITE_IDS.get(suite.split("/")[0]));
        assertThat(result.session()).isEqualTo(suite.endsWith("/static") ? "static" : "ratchet");
        assertThat(List.of(result.initiator(), result.responder())).containsExactlyInAnyOrder("Alice", "Bob");
        // The demo sends six messages and acknowledges each: twelve seals, twelve opens.
        assertThat(result.sealed()).isEqualTo(12);
        assertThat(result.opened()).isEqualTo(12);
        // The demo steps at every turn of the conversation, acknowledgements included: many steps, none if static.
        if (suite.endsWith("/static")) {
            assertThat(result.steps()).isZero();
        } else {
            assertThat(result.steps()).isGreaterThanOrEqualTo(4);
        }
        assertThat(RUNS.get(suite).out()).as("the safety code the demo printed")
                .contains("Alice sees " + result.safetyCode() + ", Bob sees " + result.safetyCode());
    }

    /** The steps and values a tamper test changes: one per kind of recomputed value. */
    static Stream<Arguments> tamperings() {
        List<Arguments> out = new ArrayList<>();
        for (String suite : List.of("p256-aesgcm", "x25519-chacha", "pq")) {
            for (String[] target : new String[][] {
                    {"ephemeral-keypair", "public key"}, {"ephemeral-keypair", "private key"},
                    {"shared-secret", "shared secret"}, {"shared-secret", "peer message"},
                    {"transcript", "hash"}, {"transcript", "value"}, {"hkdf-extract", "prk"},
                    {"sign", "signature"}, {"confirm", "confirmation"}, {"ratchet-keys", "root key"},
                    {"ratchet-keys", "r2i chain key"}, {"ratchet-share", "share private"},
                    {"ratchet-step", "response"}, {"ratchet-step", "shared secret"}, {"ratchet-step", "root key"},
                    {"ratchet-step", "chain key"}, {"ratchet-step", "share public"},
                    {"ratchet-receive", "shared secret"}, {"safety-code", "safety code"}, {"seal", "chain key"},
                    {"seal", "message key"}, {"seal", "nonce"}, {"seal", "aad"}, {"seal", "ciphertext"},
                    {"seal", "tag"}, {"open", "plaintext"}, {"open", "n"}}) {
                out.add(Arguments.of(suite, target[0], target[1]));
            }
        }
        for (String[] target : new String[][] {{"direction-keys", "r2i iv"}, {"direction-keys", "i2r key"},
                {"seal", "nonce"}, {"open", "counter"}}) {
            out.add(Arguments.of("x25519-chacha/static", target[0], target[1]));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1} / {2}")
    @MethodSource("tamperings")
    void tamperedTrace_isDetected(String suite, String step, String value) throws Exception {
        List<TraceLine> trace = new ArrayList<>(trace(suite));
        // The last line of that step, so that a change late in the trace is caught too.
        int at = -1;
        for (int i = 0; i < trace.size(); i++) {
            if (trace.get(i).step().equals(step)) {
                at = i;
            }
        }
        assertThat(at).as("a '%s' step in the trace", step).isNotNegative();
        TraceLine original = trace.get(at);
        trace.set(at, original.with(value, changeLastDigit(original.text(value))));

        assertThatThrownBy(() -> TraceCheck.verify(trace)).isInstanceOf(AssertionError.class);
    }

    /** 0-9 and a-f stay in their alphabet, so the value still parses: only its meaning changes. */
    private static String changeLastDigit(String text) {
        char last = text.charAt(text.length() - 1);
        char changed = last == '0' ? '1' : last == '1' ? '2' : '0';
        return text.substring(0, text.length() - 1) + changed;
    }
}
