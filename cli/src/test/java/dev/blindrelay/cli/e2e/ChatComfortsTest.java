package dev.blindrelay.cli.e2e;

import dev.blindrelay.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person chatting sees: times, their own lines marked, "//" for a leading slash, --wait for scripts. */
class ChatComfortsTest {

    private static final String TIME = "\\d\\d:\\d\\d ";

    @TempDir
    Path home;

    @Test
    void chatLinesHaveTheTime_ownLinesAreMarked_doubleSlashSendsASlash_andNoYetAfterALeave() throws Exception {
        try (CliRelay relay = new CliRelay()) {
            RunningClient alice = relay.client("Alice", home);
            alice.awaitOutput("Waiting for someone else to join");
            RunningClient bob = relay.client("Bob", home);
            alice.awaitOutput("[SUCCESS] Secure Channel Established!");
            bob.awaitOutput("[SUCCESS] Secure Channel Established!");

            alice.type("hello");
            bob.awaitOutput("Alice > hello");
            assertThat(bob.output()).containsPattern("(?m)^" + TIME + "Alice > hello$");
            assertThat(alice.output()).containsPattern("(?m)^" + TIME + "Alice \\(you\\) > hello$");

            alice.type("//shrug");
            bob.awaitOutput("Alice > /shrug");
            assertThat(alice.output()).containsPattern("(?m)^" + TIME + "Alice \\(you\\) > /shrug$")
                    .doesNotContain("unknown command");

            alice.type("/msg Bob psst");
            bob.awaitOutput("Alice (private) > psst");
            assertThat(alice.output()).containsPattern("(?m)^" + TIME + "Alice \\(you, to Bob\\) > psst$");

            bob.type("/exit");
            assertThat(bob.exit.get(15, TimeUnit.SECONDS)).isZero();
            alice.awaitOutput("Bob left the room");
            alice.type("anyone?");
            assertThat(alice.awaitOutput("message not sent"))
                    .contains("[WARN] everyone else has left room 'lobby'; message not sent")
                    .doesNotContain("yet;");
            alice.input.close();
            assertThat(alice.exit.get(15, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void pipedClient_nobodyComesWithinWait_oneLineAndExitCode1() throws Exception {
        try (CliRelay relay = new CliRelay()) {
            CliRun run = CliRun.withInput(new ByteArrayInputStream("hello?\n".getBytes(StandardCharsets.UTF_8)),
                    "client", "--port", relay.port(), "--name", "Robot", "--home", home.toString(), "--wait", "1");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("error: nobody else joined room 'lobby' within 1 s (--wait); nothing was sent"
                    + System.lineSeparator());
            assertThat(run.out()).doesNotContain("hello?");
        }
    }
}
