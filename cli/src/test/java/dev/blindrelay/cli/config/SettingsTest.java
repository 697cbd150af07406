package dev.blindrelay.cli.config;

import dev.blindrelay.cli.UsageException;
import dev.blindrelay.testing.RepoRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    private static final List<String> KEYS = List.of("config", "host", "port", "name", "suite", "verbose", "help");

    @TempDir
    Path dir;

    private Path file(String content) throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void get_flagWinsOverFileAndFileOverDefault() throws Exception {
        Path config = file("port=6000\nname=FromFile\nsuite=x25519-chacha\n");
        Settings settings = Settings.parse("client", KEYS, new String[] {"--config", config.toString(), "--port", "7000"});
        assertThat(settings.integer("port", 1, 65535)).isEqualTo(7000);
        assertThat(settings.get("name")).isEqualTo("FromFile");
        assertThat(settings.get("suite")).isEqualTo("x25519-chacha");
        assertThat(settings.get("host", "127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(Settings.parse("client", KEYS, new String[0]).get("suite")).isEqualTo("p256-aesgcm");
    }

    @Test
    void parse_unknownFlagNamesItAndTheHelp() {
        assertThatThrownBy(() -> Settings.parse("client", KEYS, new String[] {"--bogus"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("--bogus").hasMessageContaining("--help");
    }

    @Test
    void parse_missingValueNamesTheFlag() {
        assertThatThrownBy(() -> Settings.parse("client", KEYS, new String[] {"--port"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("--port needs a value");
    }

    @Test
    void parse_strayArgumentIsRefused() {
        assertThatThrownBy(() -> Settings.parse("client", KEYS, new String[] {"Alice"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("unexpected argument 'Alice'");
    }

    @Test
    void parse_unknownKeyInFileListsKnownKeys() throws Exception {
        Path config = file("colour=blue\n");
        assertThatThrownBy(() -> Settings.parse("client", KEYS, new String[] {"--config", config.toString()}))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown key 'colour'")
                .hasMessageContaining("port");
    }

    @Test
    void parse_missingFileIsAOneLineError() {
        assertThatThrownBy(() -> Settings.parse("client", KEYS, new String[] {"--config", dir.resolve("nope").toString()}))
                .isInstanceOf(UsageException.class).hasMessageContaining("does not exist");
    }

    @Test
    void integer_outOfRangeSaysWhatIsExpected() {
        Settings settings = Settings.parse("client", KEYS, new String[] {"--port", "70000"});
        assertThatThrownBy(() -> settings.integer("port", 1, 65535))
                .isInstanceOf(UsageException.class).hasMessageContaining("from 1 to 65535").hasMessageContaining("70000");
    }

    @Test
    void flag_fileValueMustBeBoolean() throws Exception {
        Path config = file("verbose=perhaps\n");
        Settings settings = Settings.parse("server", KEYS, new String[] {"--config", config.toString()});
        assertThatThrownBy(() -> settings.flag("verbose")).isInstanceOf(UsageException.class)
                .hasMessageContaining("true or false");
        assertThat(Settings.parse("server", KEYS, new String[] {"--config", file("verbose=true\n").toString()})
                .flag("verbose")).isTrue();
    }

    @Test
    void require_missingRequiredSettingSaysHowToSetIt() {
        Settings settings = Settings.parse("client", KEYS, new String[0]);
        assertThatThrownBy(() -> settings.require("name")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--name is required");
    }

    @Test
    void catalog_everyKeyIsDocumentedInConfigMd() throws Exception {
        String doc = Files.readString(RepoRoot.find().resolve("docs/config.md"));
        for (String key : Settings.CATALOG.keySet()) {
            if (!key.equals("help")) {
                assertThat(doc).as("docs/config.md documents '%s'", key).contains("| `" + key + "` |");
            }
        }
    }
}
