package dev.blindrelay.cli.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Names in a room, as people type them: look-alikes are refused, and commands ignore case. */
class RoomNamesTest {

    @TempDir
    Path home;

    @Test
    void aLookAlikeOfAMemberIsRefused_andMsgFindsMembersWhateverTheCase() throws Exception {
        try (CliRelay relay = new CliRelay()) {
            RunningClient alice = relay.client("Alice", home);
            alice.awaitOutput("Waiting for someone else to join");

            RunningClient cyrillic = relay.client("\u0410lice", home);
            assertThat(cyrillic.exit.get(15, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(cyrillic.output()).contains("error: the relay refused: name '\u0410lice' looks the same as "
                    + "'Alice', who is already in room 'lobby'");
            RunningClient lowercase = relay.client("alice", home);
            assertThat(lowercase.exit.get(15, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(lowercase.output()).contains("looks the same as 'Alice'");

            RunningClient bob = relay.client("Bob", home);
            bob.awaitOutput("[SUCCESS] Secure Channel Established!");
            alice.awaitOutput("[SUCCESS] Secure Channel Established!");
            bob.type("/msg alice psst");
            alice.awaitOutput("Bob (private) > psst");
            alice.type("/msg BOB hi");
            bob.awaitOutput("Alice (private) > hi");
            bob.type("/verify ALICE");
            bob.awaitOutput("With Alice:");

            bob.input.close();
            alice.input.close();
            assertThat(bob.exit.get(15, TimeUnit.SECONDS)).isZero();
            assertThat(alice.exit.get(15, TimeUnit.SECONDS)).isZero();
        }
    }
}
