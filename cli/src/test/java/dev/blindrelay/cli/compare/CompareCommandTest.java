package dev.blindrelay.cli.compare;

import dev.blindrelay.cli.CliRun;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.suite.CipherSuite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The command through {@code Main}, as a user runs it: exit codes and one-line errors. */
class CompareCommandTest {

    @Test
    void run_badSizes_oneLineUsageError() {
        CliRun run = CliRun.of("compare", "--sizes", "64,big");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: --sizes must be message sizes in bytes from 1 to 1048576, separated "
                + "by commas (e.g. 64,1024,16384), got '64,big'" + System.lineSeparator());
    }

    @Test
    void run_badSeconds_oneLineUsageError() {
        CliRun run = CliRun.of("compare", "--seconds", "soon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("error: --seconds must be");
    }

    @Test
    void run_unknownSuite_listsTheSuitesThereAre() {
        CliRun run = CliRun.of("compare", "--suites", "p256-aesgcm,rot13", "--seconds", "0.01");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("error: unknown suite 'rot13'; available: ");
        for (CipherSuite suite : PluginRegistry.load().suites()) {
            assertThat(run.err()).contains(suite.id());
        }
        assertThat(run.out()).as("nothing is measured before every suite resolved").isEmpty();
    }

    @Test
    void run_unknownFlag_usageError() {
        assertThat(CliRun.of("compare", "--suite", "p256-aesgcm").exitCode()).isEqualTo(2);
    }

    @Test
    void run_help() {
        CliRun run = CliRun.of("compare", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("blindrelay compare [--suites all|ID,...]", "--sizes", "--seconds", "--html");
    }

    @Test
    void run_listedInMainHelp() {
        assertThat(CliRun.of("--help").out()).contains("compare");
    }

    @Test
    void run_tinyTimeBox_printsEveryTableWithUnits() {
        CliRun run = CliRun.of("compare", "--suites", "x25519-chacha,P256_HKDF-SHA256_AES-256-GCM,p256-aesgcm",
                "--sizes", "64,1024", "--seconds", "0.01");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("handshakes/s", "key agreements/s", "MB/s @64 B", "MB/s @1 KiB",
                "handshake over TCP", "per message over TCP", "Components", "Providers",
                "Ratchet (the default session) against static keys", "ratchet/static", "asymmetric steps/s");
        assertThat(run.out().lines().filter(line -> line.startsWith("p256-aesgcm ")))
                .as("an id and its alias are one suite, measured once: speed, wire, ratchet, components, id")
                .hasSize(5);
        assertThat(run.out()).doesNotContain("HTML report");
    }
}
