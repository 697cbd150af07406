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

/** Rooms of more than two through a real TCP relay, driven through the chat commands people type. */
class RoomsTest {

    private static void allSecured(List<Client> clients) {
        for (Client a : clients) {
            for (Client b : clients) {
                if (a != b) {
                    a.events().awaitSecured(b.name());
                }
            }
        }
    }

    @Test
    void room_fourMembersPairwiseSecuredRoomMessageReachesAllAndMsgOnlyOne() throws Exception {
        try (ChatHarness relay = Plugins.relay("tcp")) {
            List<Client> room = new ArrayList<>();
            for (String name : List.of("Alice", "Bob", "Carol", "Dave")) {
                room.add(relay.join(name));
            }
            allSecured(room);
            Client alice = room.get(0);
            List<String> printed = Collections.synchronizedList(new ArrayList<>());
            ChatCommands commands = new ChatCommands(alice.chat(), printed::add);

            commands.handle("hello everyone");
            commands.handle("/msg Carol just for you");
            for (Client other : room.subList(1, 4)) {
                other.events().awaitMessage("Alice", "hello everyone");
            }
            room.get(2).events().awaitMessage("Alice", "just for you");
            assertThat(room.get(2).events().messages()).anySatisfy(m -> {
                assertThat(m.text()).isEqualTo("just for you");
                assertThat(m.direct()).isTrue();
            });
            assertThat(room.get(1).events().textsFrom("Alice")).containsExactly("hello everyone");
            assertThat(room.get(3).events().textsFrom("Alice")).containsExactly("hello everyone");
            assertThat(alice.events().messages()).as("nothing comes back to the sender").isEmpty();
        }
    }

    @Test
    void whoAndVerify_showEachSessionsStateAndSuite() throws Exception {
        try (ChatHarness relay = Plugins.relay("tcp")) {
            Client alice = relay.join("Alice");
            Client bob = relay.join("Bob");
            Client carol = relay.join("Carol");
            allSecured(List.of(alice, bob, carol));
            List<String> printed = Collections.synchronizedList(new ArrayList<>());
            new ChatCommands(alice.chat(), printed::add).handle("/who");
            assertThat(String.join("\n", printed)).contains("3 member(s)").contains("Alice (you)")
                    .contains("Bob (secure, suite P256_HKDF-SHA256_AES-256-GCM)")
                    .contains("Carol (secure, suite P256_HKDF-SHA256_AES-256-GCM)");
            printed.clear();
            new ChatCommands(alice.chat(), printed::add).handle("/verify Bob");
            assertThat(String.join("\n", printed)).contains("Suite of this session:        P256_HKDF-SHA256_AES-256-GCM");
        }
    }

    @Test
    void msgToSomeoneElse_isNotSeenByTheOthers() throws Exception {
        try (ChatHarness relay = Plugins.relay("tcp")) {
            Client alice = relay.join("Alice");
            Client bob = relay.join("Bob");
            Client carol = relay.join("Carol");
            allSecured(List.of(alice, bob, carol));
            new ChatCommands(alice.chat(), line -> { }).handle("/msg Bob only bob");
            alice.chat().send("everyone");
            bob.events().awaitMessage("Alice", "only bob");
            carol.events().awaitMessage("Alice", "everyone");
            assertThat(carol.events().textsFrom("Alice")).containsExactly("everyone");
        }
    }

    @Test
    void lateJoinerAndLeaver_othersUndisturbedAndComebackGetsFreshKeys() throws Exception {
        try (ChatHarness relay = Plugins.relay("tcp")) {
            Client alice = relay.join("Alice");
            Client bob = relay.join("Bob");
            allSecured(List.of(alice, bob));
            Client carol = relay.join("Carol");
            allSecured(List.of(alice, bob, carol));
            String before = carol.events().awaitSecured("Alice").safetyCode();

            carol.close();
            alice.events().awaitPeerLeft("Carol");
            bob.events().awaitPeerLeft("Carol");
            alice.chat().send("still talking");
            bob.events().awaitMessage("Alice", "still talking");

            Client carolAgain = relay.client("Carol").identity(carol.identity()).knownPeers(carol.knownPeers()).join();
            String after = carolAgain.events().awaitSecured("Alice").safetyCode();
            assertThat(alice.events().awaitSecured("Carol", 2, Duration.ofSeconds(10)).safetyCode()).isEqualTo(after);
            assertThat(after).isNotEqualTo(before);
        }
    }

    @Test
    void rooms_areIsolatedAndNamesAreUniquePerRoom() throws Exception {
        try (ChatHarness relay = Plugins.relay("tcp")) {
            Client alice = relay.join("Alice");
            Client bob = relay.join("Bob");
            Client otherAlice = relay.client("Alice").room("kitchen").join();
            Client dave = relay.client("Dave").room("kitchen").join();
            allSecured(List.of(alice, bob));
            allSecured(List.of(otherAlice, dave));
            assertThat(alice.chat().members()).containsOnlyKeys("Bob");
            assertThat(otherAlice.chat().members()).containsOnlyKeys("Dave");

            alice.chat().send("lobby only");
            dave.chat().send("kitchen only");
            bob.events().awaitMessage("Alice", "lobby only");
            otherAlice.events().awaitMessage("Dave", "kitchen only");
            assertThat(dave.events().messages()).isEmpty();
            assertThat(bob.events().textsFrom("Dave")).isEmpty();
            assertThat(relay.router().membersOf("lobby")).containsExactlyInAnyOrder("Alice", "Bob");
            assertThat(relay.router().membersOf("kitchen")).containsExactlyInAnyOrder("Alice", "Dave");
        }
    }
}
