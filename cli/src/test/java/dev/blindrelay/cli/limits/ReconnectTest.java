package dev.blindrelay.cli.limits;

import dev.blindrelay.client.ClientSettings;
import dev.blindrelay.relay.RelayLimits;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectTest {

    @Test
    void relayRestart_messageTypedWhileDownIsDeliveredOnceAfterAFreshHandshake() throws Exception {
        LiveRelay first = LiveRelay.start(RelayLimits.defaults());
        InetSocketAddress address = first.address();
        // Alice, who typed the message, comes back first and finds the room empty: her message must
        // wait for Bob, who retries more slowly, and reach him when he rejoins.
        ClientSettings bobSettings = new ClientSettings("bob", "lobby", address, Duration.ofSeconds(5), 100, true,
                Duration.ofMillis(1000), Duration.ofSeconds(30));
        ClientSettings aliceSettings = new ClientSettings("alice", "lobby", address, Duration.ofSeconds(5), 100, true,
                Duration.ofMillis(50), Duration.ofSeconds(30));
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
}
