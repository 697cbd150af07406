package dev.blindrelay.client;

import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import dev.blindrelay.testing.RecordingListener.Step;
import org.junit.jupiter.api.Test;

import static dev.blindrelay.client.HandshakeStage.FINISH_RECEIVED;
import static dev.blindrelay.client.HandshakeStage.FINISH_SENT;
import static dev.blindrelay.client.HandshakeStage.INIT_RECEIVED;
import static dev.blindrelay.client.HandshakeStage.INIT_SENT;
import static dev.blindrelay.client.HandshakeStage.RESPONSE_RECEIVED;
import static dev.blindrelay.client.HandshakeStage.RESPONSE_SENT;
import static org.assertj.core.api.Assertions.assertThat;

/** Each side tells its listener when a handshake message leaves or arrives, in order: what {@code bench} times. */
class HandshakeStagesTest {

    @Test
    void eachSide_reportsItsThreeMessagesInOrder_beforeTheSessionIsSecured() throws Exception {
        try (ChatHarness chat = ChatHarness.start()) {
            Client alice = chat.join("alice");
            Client bob = chat.join("bob"); // joins second, so he initiates

            alice.events().awaitSecured("bob");
            bob.events().awaitSecured("alice");

            assertThat(bob.events().handshakeSteps()).containsExactly(
                    new Step("alice", INIT_SENT), new Step("alice", RESPONSE_RECEIVED), new Step("alice", FINISH_SENT));
            assertThat(alice.events().handshakeSteps()).containsExactly(
                    new Step("bob", INIT_RECEIVED), new Step("bob", RESPONSE_SENT), new Step("bob", FINISH_RECEIVED));
        }
    }
}
