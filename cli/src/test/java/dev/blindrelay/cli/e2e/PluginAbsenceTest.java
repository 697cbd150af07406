package dev.blindrelay.cli.e2e;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plugins are really plugins: the same command line, run on a classpath without the X25519 suite's
 * jar (and without the post-quantum suite's, whose X25519 half is that jar's), no longer lists those
 * suites, and asking for one names only what is left. Nothing in core or cli names a suite class.
 */
class PluginAbsenceTest {

    private static final List<String> X25519_JARS = List.of("suite-x25519-chacha", "suite-x25519mlkem768");

    private static Result run(List<String> excluded, String... args) throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> excluded.stream().noneMatch(entry::contains))
                .filter(entry -> !entry.contains("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                "dev.blindrelay.cli.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process finished").isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }

    @Test
    void suites_withoutTheX25519JarsListOnlyP256() throws Exception {
        Result result = run(X25519_JARS, "suites");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("P256_HKDF-SHA256_AES-256-GCM").doesNotContain("X25519")
                .doesNotContain("CHACHA20");
    }

    @Test
    void suites_withoutThePostQuantumJarListTheClassicalOnes() throws Exception {
        Result result = run(List.of("suite-x25519mlkem768"), "suites");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("P256_HKDF-SHA256_AES-256-GCM", "X25519_HKDF-SHA256_CHACHA20-POLY1305")
                .doesNotContain("MLKEM").doesNotContain("alias: pq");
    }

    @Test
    void client_askingForTheMissingSuiteNamesWhatIsLeft() throws Exception {
        Result result = run(X25519_JARS, "client", "--name", "Alice", "--suite", "x25519-chacha");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output().strip()).isEqualTo(
                "error: unknown suite 'x25519-chacha'; available: P256_HKDF-SHA256_AES-256-GCM (p256-aesgcm)");
    }

    @Test
    void transports_withoutTheWebSocketJarListOnlyTcp() throws Exception {
        Result result = run(List.of("transport-ws"), "transports");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("tcp ").doesNotContain("ws ");
    }
}
