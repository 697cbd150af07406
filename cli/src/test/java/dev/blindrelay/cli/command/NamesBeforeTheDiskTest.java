package dev.blindrelay.cli.command;

import dev.blindrelay.cli.CliRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad name or room is a usage error (exit 2, one line) before any file is created. */
class NamesBeforeTheDiskTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"../escaped", "..", ".", "a/b", "has space", "a\\b", "/abs"})
    void client_badNameWritesNothing(String name) throws IOException {
        CliRun run = CliRun.of("client", "--name", name, "--home", dir.resolve("inner").toString(), "--port", "1");
        assertUsageErrorAndNothingWritten(run, "--name '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "a/b", ".."})
    void client_badRoomWritesNothing(String room) throws IOException {
        CliRun run = CliRun.of("client", "--name", "alice", "--room", room, "--home", dir.resolve("inner").toString(),
                "--port", "1");
        assertUsageErrorAndNothingWritten(run, "--room '" + room + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad name", "../escaped", "a/b"})
    void keygen_appliesTheSameRules(String name) throws IOException {
        CliRun run = CliRun.of("keygen", "--name", name, "--home", dir.resolve("inner").toString());
        assertUsageErrorAndNothingWritten(run, "--name '" + name + "'");
    }

    private void assertUsageErrorAndNothingWritten(CliRun run, String errorMentions) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + errorMentions).hasLineCount(1);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files).as("nothing is created").containsExactly(dir);
        }
    }
}
