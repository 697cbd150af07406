package dev.blindrelay.cli.limits;

import dev.blindrelay.client.ClientSettings;
import dev.blindrelay.relay.RelayLimits;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectTest {

    @Test
    void relayRestart_messageTypedWhileDownIsDeliveredOnceAfterAFreshHandshake() throws Exception {
        LiveRelay first = LiveRelay.start(RelayLimits.defaults());
        InetSocketAddress address = first.address();
        // Alice, who typed the message, comes back first and finds the room empty: her message must
        // wait for Bob, who retries more slowly, and reach him when he rejoins.
        ClientSettings bobSettings = reconnecting("bob", address, Duration.ofMillis(1000));
        ClientSettings aliceSettings = reconnecting("alice", address, Duration.ofMillis(50));
        LiveRelay second = null;
        try (Chatter bob = Chatter.join(bobSettings);
             Chatter alice = Chatter.join(aliceSettings)) {
            alice.events.awaitSecured("bob");
            bob.events.awaitSecured("alice");

            first.close();
            alice.events.awaitDisconnected();
            bob.events.awaitDisconnected();
            Optional<Long> id = alice.client.send("typed while the relay was down");
            assertThat(id).as("queued, not refused").isPresent();
            second = LiveRelay.startOn(address.getPort(), RelayLimits.defaults());

            alice.events.awaitSecured("bob", 2, Eventually.TIMEOUT);
            bob.events.awaitSecured("alice", 2, Eventually.TIMEOUT);
            bob.events.awaitMessage("alice", "typed while the relay was down");
            alice.events.awaitDelivered("bob", id.get());

            assertThat(bob.events.textsFrom("alice")).containsExactly("typed while the relay was down");
            assertThat(alice.events.failedDeliveries()).isEmpty();
            assertThat(alice.events.warnings()).isEmpty();
            assertThat(bob.events.warnings()).isEmpty();
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    /**
     * Ratcheting sessions several steps in, a relay that dies with messages in flight both ways: the sessions restart
     * with fresh handshakes (a new ratchet each), every message is shown exactly once, and the new sessions ratchet on.
     */
    @Test
    void relayRestart_midRatchet_messagesInFlightAreShownOnce_andTheNewSessionsRatchetOn() throws Exception {
        LiveRelay first = LiveRelay.start(RelayLimits.defaults());
        InetSocketAddress address = first.address();
        ClientSettings bobSettings = reconnecting("bob", address, Duration.ofMillis(200));
        ClientSettings aliceSettings = reconnecting("alice", address, Duration.ofMillis(50));
        LiveRelay second = null;
        try (Chatter bob = Chatter.join(bobSettings);
             Chatter alice = Chatter.join(aliceSettings)) {
            alice.events.awaitSecured("bob");
            bob.events.awaitSecured("alice");
            for (int turn = 1; turn <= 3; turn++) {
                alice.client.send("a" + turn);
                bob.events.awaitMessage("alice", "a" + turn);
                bob.client.send("b" + turn);
                alice.events.awaitMessage("bob", "b" + turn);
            }
            alice.client.send("in flight from alice");
            bob.client.send("in flight from bob");
            first.close();
            alice.events.awaitDisconnected();
            bob.events.awaitDisconnected();
            alice.client.send("typed while the relay was down");
            second = LiveRelay.startOn(address.getPort(), RelayLimits.defaults());

            alice.events.awaitSecured("bob", 2, Eventually.TIMEOUT);
            bob.events.awaitSecured("alice", 2, Eventually.TIMEOUT);
            bob.events.awaitMessage("alice", "typed while the relay was down");
            bob.events.awaitMessage("alice", "in flight from alice");
            alice.events.awaitMessage("bob", "in flight from bob");
            for (int turn = 4; turn <= 5; turn++) {
                alice.client.send("a" + turn);
                bob.events.awaitMessage("alice", "a" + turn);
                bob.client.send("b" + turn);
                alice.events.awaitMessage("bob", "b" + turn);
            }
            Eventually.holds("everything acknowledged", () -> alice.client.pendingDeliveries() == 0
                    && bob.client.pendingDeliveries() == 0);

            assertThat(bob.events.textsFrom("alice")).containsExactlyInAnyOrder("a1", "a2", "a3",
                    "in flight from alice", "typed while the relay was down", "a4", "a5");
            assertThat(alice.events.textsFrom("bob")).containsExactlyInAnyOrder("b1", "b2", "b3",
                    "in flight from bob", "b4", "b5");
            assertThat(alice.events.failedDeliveries()).isEmpty();
            assertThat(bob.events.failedDeliveries()).isEmpty();
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void relayGone_eachReconnectAttemptIsOneLineThatSaysWhyTheLastFailed() throws Exception {
        LiveRelay relay = LiveRelay.start(RelayLimits.defaults());
        ClientSettings settings = reconnecting("alice", relay.address(), Duration.ofMillis(20));
        try (Chatter alice = Chatter.join(settings)) {
            relay.close();
            alice.events.awaitDisconnected();
            Eventually.holds("three attempts failed", () -> alice.events.statuses().stream()
                    .anyMatch(line -> line.startsWith("Reconnect attempt 3 failed")));
            List<String> lines = alice.events.statuses().stream().filter(line -> line.contains("attempt")).toList();
            assertThat(lines.subList(0, 4)).satisfiesExactly(
                    first -> assertThat(first).matches("Reconnecting: attempt 1 in \\d+\\.\\d s\\.\\.\\."),
                    second -> assertThat(second).matches("Reconnect attempt 1 failed \\(.+\\); attempt 2 in .+"),
                    third -> assertThat(third).startsWith("Reconnect attempt 2 failed (").contains("; attempt 3 in"),
                    fourth -> assertThat(fourth).startsWith("Reconnect attempt 3 failed ("));
            assertThat(alice.events.statuses()).as("one line per attempt, nothing else about it")
                    .noneMatch(line -> line.startsWith("Reconnect failed"));
        }
    }

    /** A client in room lobby that reconnects on its own, first retrying after {@code firstRetry}. */
    private static ClientSettings reconnecting(String name, InetSocketAddress address, Duration firstRetry) {
        return new ClientSettings(name, "lobby", address, Duration.ofSeconds(5), 100, true, firstRetry,
                Duration.ofSeconds(30));
    }
}
