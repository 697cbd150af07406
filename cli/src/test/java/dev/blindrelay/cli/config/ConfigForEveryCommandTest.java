package dev.blindrelay.cli.config;

import dev.blindrelay.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every help text says that options can come from a --config file: every command takes one. */
class ConfigForEveryCommandTest {

    @TempDir
    Path dir;

    @Test
    void everyCommandAcceptsConfig_andItsHelpSaysSo() throws Exception {
        Path config = Files.writeString(dir.resolve("shared.properties"), "suite=x25519-chacha\nname=Carol\n");
        List<String> commands = commands();
        assertThat(commands).contains("server", "client", "demo", "suites", "transports", "keygen", "compare", "bench");
        for (String command : commands) {
            CliRun run = CliRun.of(command, "--config", config.toString(), "--help");
            assertThat(run.exitCode()).as("%s --config FILE --help: %s", command, run.err()).isZero();
            assertThat(run.out()).as(command).contains("--config <FILE>")
                    .contains("Every option can also be set in a --config properties file");
        }
    }

    @Test
    void demoAndSuites_takeTheirSettingsFromTheFile() throws Exception {
        Path config = Files.writeString(dir.resolve("demo.properties"), "suite=x25519-chacha\ntransport=ws\n");
        CliRun demo = CliRun.of("demo", "--config", config.toString());
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("X25519_HKDF-SHA256_CHACHA20-POLY1305").contains("over ws");

        CliRun suites = CliRun.of("suites", "--config", config.toString());
        assertThat(suites.exitCode()).as(suites.err()).isZero();
        assertThat(suites.out()).contains("P256_HKDF-SHA256_AES-256-GCM");
    }

    /** The command names, from {@code blindrelay --help}. */
    private static List<String> commands() {
        Matcher matcher = Pattern.compile("(?m)^  (\\w+) +\\S").matcher(CliRun.of("--help").out());
        return matcher.results().map(m -> m.group(1)).toList();
    }
}
