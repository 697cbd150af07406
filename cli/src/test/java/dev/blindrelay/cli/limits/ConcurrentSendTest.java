package dev.blindrelay.cli.limits;

import dev.blindrelay.relay.RelayLimits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user typing while messages arrive: the client sends the user's messages from the user's thread
 * and acknowledgements from the transport thread, over one session counter. Every frame must reach
 * the wire in counter order, or the receiver rejects the overtaken ones as replays and they are lost.
 */
class ConcurrentSendTest {

    private static final int MESSAGES = 2000;

    @Test
    void sendingWhileAcknowledging_losesNothingAndReordersNothing() throws Exception {
        try (LiveRelay relay = LiveRelay.start(RelayLimits.defaults());
             Chatter alice = Chatter.join("alice", "lobby", relay.address());
             Chatter bob = Chatter.join("bob", "lobby", relay.address())) {
            alice.events.awaitSecured("bob");
            bob.events.awaitSecured("alice");
            AtomicBoolean talking = new AtomicBoolean(true);
            Thread bobTalks = new Thread(() -> {
                for (int i = 0; talking.get() && i < MESSAGES; i++) {
                    bob.client.send("bob " + i);
                }
            }, "bob-typing");
            bobTalks.start();

            List<String> sent = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                sent.add("alice " + i);
                alice.client.send("alice " + i);
            }
            bob.events.awaitMessage("alice", "alice " + (MESSAGES - 1));
            talking.set(false);
            bobTalks.join();

            assertThat(bob.events.textsFrom("alice")).containsExactlyElementsOf(sent);
            assertThat(bob.events.warnings()).isEmpty();
            assertThat(alice.events.warnings()).isEmpty();
        }
    }
}
