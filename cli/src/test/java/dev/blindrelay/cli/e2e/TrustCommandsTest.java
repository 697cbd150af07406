package dev.blindrelay.cli.e2e;

import dev.blindrelay.cli.chat.ChatCommands;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** /trust, /verify and /verified as people type them, through a real TCP relay. */
class TrustCommandsTest {

    private static List<String> printedBy(ChatCommands commands, List<String> printed, String line) {
        printed.clear();
        commands.handle(line);
        return List.copyOf(printed);
    }

    @Test
    void trustAndVerify_onAnUnchangedVerifiedKey_sayNothingChangedAndKeepItVerified() throws Exception {
        try (ChatHarness relay = Plugins.relay("tcp")) {
            Client alice = relay.join("Alice");
            relay.join("Bob");
            alice.events().awaitSecured("Bob");
            List<String> printed = Collections.synchronizedList(new ArrayList<>());
            ChatCommands commands = new ChatCommands(alice.chat(), printed::add);

            assertThat(printedBy(commands, printed, "/verify Bob")).singleElement().asString()
                    .contains("If it matches, run /verified Bob");
            assertThat(printedBy(commands, printed, "/verified Bob")).containsExactly(
                    "[CLIENT] Marked Bob's identity key as verified");
            assertThat(printedBy(commands, printed, "/verified Bob")).containsExactly(
                    "[CLIENT] Bob's identity key is already verified");
            assertThat(printedBy(commands, printed, "/verify Bob")).singleElement().asString()
                    .contains("You verified Bob's identity key before, and it has not changed")
                    .doesNotContain("/verified");
            assertThat(printedBy(commands, printed, "/trust Bob")).containsExactly(
                    "[CLIENT] Bob's identity key has not changed; nothing to trust (it stays verified)");
            assertThat(alice.knownPeers().isVerified("Bob")).isTrue();
            assertThat(alice.events().statuses()).noneMatch(line -> line.contains("held"));
        }
    }

    @Test
    void trust_afterARealKeyChange_deliversWhatWasTypedWhileBlocked() throws Exception {
        try (ChatHarness relay = Plugins.relay("tcp")) {
            Client alice = relay.join("Alice");
            Client bob = relay.join("Bob");
            alice.events().awaitSecured("Bob");
            bob.close();
            alice.events().awaitPeerLeft("Bob");
            Client newBob = relay.client("Bob").knownPeers(bob.knownPeers()).join();
            alice.events().awaitSecured("Bob", 2, Duration.ofSeconds(10));
            List<String> printed = Collections.synchronizedList(new ArrayList<>());
            ChatCommands commands = new ChatCommands(alice.chat(), printed::add);

            commands.handle("are you really Bob?");
            assertThat(printedBy(commands, printed, "/verify Bob")).singleElement().asString()
                    .contains("CHANGED").contains("/trust Bob");
            assertThat(printedBy(commands, printed, "/trust Bob")).containsExactly(
                    "[CLIENT] Accepted Bob's new identity key; messages held for Bob are sent");
            newBob.events().awaitMessage("Alice", "are you really Bob?");
        }
    }
}
