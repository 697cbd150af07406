package dev.blindrelay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's contract: clear one-line errors and the right exit codes. */
class MainTest {

    @TempDir
    Path home;

    @Test
    void run_badFlagIsOneLineUsageErrorWithExitCode2() {
        CliRun run = CliRun.of("client", "--name", "Alice", "--colour", "blue");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo(
                "error: unknown option --colour for 'client'; run 'blindrelay client --help' to see the options");
    }

    @Test
    void run_unknownCommandListsTheCommands() {
        CliRun run = CliRun.of("serve");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown command 'serve'").contains("server, client, demo");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void run_noArgumentsPrintsUsage() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("usage: blindrelay <command>").contains("demo");
    }

    @Test
    void client_missingNameSaysHowToSetIt() {
        CliRun run = CliRun.of("client", "--home", home.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--name is required");
    }

    @Test
    void client_unknownSuiteListsTheAvailableOnes() {
        CliRun run = CliRun.of("client", "--name", "Alice", "--suite", "rot13", "--home", home.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("error: unknown suite 'rot13'; available: ")
                .contains("P256_HKDF-SHA256_AES-256-GCM (p256-aesgcm)")
                .contains("X25519_HKDF-SHA256_CHACHA20-POLY1305 (x25519-chacha)")
                .contains("X25519MLKEM768_HKDF-SHA256_AES-256-GCM (pq)");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void client_unknownTransportListsTheAvailableOnes() {
        CliRun run = CliRun.of("client", "--name", "Alice", "--transport", "carrier-pigeon", "--home", home.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("unknown transport 'carrier-pigeon'; available: tcp, ws");
    }

    @Test
    void client_unreachableRelayIsOneLineAndExitCode1() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.of("client", "--name", "Alice", "--port", String.valueOf(port), "--home", home.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("error: cannot reach relay at 127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void server_portInUseIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            CliRun run = CliRun.of("server", "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().strip()).isEqualTo("error: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is already in use; choose another --port");
        }
    }

    @Test
    void suites_listsIdsAliasesSizesProvidersAndJars() {
        CliRun run = CliRun.of("suites");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("P256_HKDF-SHA256_AES-256-GCM  (alias: p256-aesgcm)  [default]")
                .contains("X25519_HKDF-SHA256_CHACHA20-POLY1305  (alias: x25519-chacha)")
                .contains("X25519MLKEM768_HKDF-SHA256_AES-256-GCM  (alias: pq)")
                .contains("key 32 B, nonce 12 B, tag 16 B").contains("provider SunJCE").contains("BouncyCastle")
                .contains("suite-p256-aesgcm").contains("suite-x25519-chacha")
                .contains("suite-x25519mlkem768");
    }

    @Test
    void transports_listsTcpAndWs() {
        CliRun run = CliRun.of("transports");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("tcp ").contains("ws ").contains("transport-tcp").contains("transport-ws");
    }

    @Test
    void keygen_createsAnOwnerOnlyKeyAndRefusesToOverwrite() throws Exception {
        CliRun first = CliRun.of("keygen", "--name", "Alice", "--home", home.toString());
        assertThat(first.exitCode()).isZero();
        Path key = home.resolve("Alice/identity.key");
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(first.out()).contains("Fingerprint: ");

        CliRun second = CliRun.of("keygen", "--name", "Alice", "--home", home.toString());
        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.err()).contains("already exists").contains("--force");
        assertThat(CliRun.of("keygen", "--name", "Alice", "--home", home.toString(), "--force").exitCode()).isZero();
    }

    @Test
    void demo_runsTheWholeChatAndExitsZero() {
        CliRun run = CliRun.of("demo");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("[SUCCESS] Secure Channel Established!").contains("-> equal")
                .contains("Bob   | Alice > Hi Bob!").contains("=== What the relay saw")
                .contains("Plaintext of the 6 messages found in relay traffic: none");
        assertThat(run.out()).doesNotContain("SECRET");
    }

    /** A list negotiates its first entry between two clients with the same list; the trace shows the hybrid's halves. */
    @Test
    void demo_suiteListNegotiatesAndTheTraceShowsBothHalvesOfTheHybridSecret() {
        CliRun run = CliRun.of("demo", "--suite", "pq, x25519-chacha", "--trace");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("is connected with X25519MLKEM768_HKDF-SHA256_AES-256-GCM")
                .contains("offer: the suites we accept")
                .contains("offer = X25519MLKEM768_HKDF-SHA256_AES-256-GCM, X25519_HKDF-SHA256_CHACHA20-POLY1305")
                .contains("key shares = X25519MLKEM768, X25519")
                .contains("negotiate: the responder takes the first suite")
                .contains("chosen = X25519MLKEM768_HKDF-SHA256_AES-256-GCM")
                .contains("shared secret, MLKEM768 part [SECRET, shown only in trace mode] = ")
                .contains("shared secret, X25519 part [SECRET, shown only in trace mode] = ");
    }

    @Test
    void client_malformedSuiteListIsOneLine() {
        CliRun run = CliRun.of("client", "--name", "Alice", "--suite", "pq,,x25519-chacha", "--home", home.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("error: empty entry in the suite list 'pq,,x25519-chacha'; separate "
                + "suite ids or aliases with single commas, e.g. pq,x25519-chacha");
        CliRun unknown = CliRun.of("client", "--name", "Alice", "--suite", "pq,rot13", "--home", home.toString());
        assertThat(unknown.err().strip()).startsWith("error: unknown suite 'rot13'; available: ");
    }

    @Test
    void demo_traceShowsSecretsMarkedAsSuch() {
        CliRun run = CliRun.of("demo", "--suite", "x25519-chacha", "--transport", "ws", "--trace");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("[TRACE Alice -> Bob] ephemeral-keypair")
                .contains("private key [SECRET, shown only in trace mode] = ")
                .contains("nonce = epoch || n").contains("ratchet-step").contains("safety-code");
    }
}
