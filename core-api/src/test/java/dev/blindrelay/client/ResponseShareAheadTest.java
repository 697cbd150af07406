package dev.blindrelay.client;

import dev.blindrelay.kdf.HkdfSha256;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import dev.blindrelay.testing.suite.Aes128Gcm;
import dev.blindrelay.testing.suite.RecordingKeyAgreement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first member of a room makes the key pair of its answer (message 2) when the relay welcomes it, so that the
 * next joiner's INIT finds it made. A member who finds others there sends INITs first and makes none then.
 */
class ResponseShareAheadTest {

    private final RecordingKeyAgreement alices = new RecordingKeyAgreement();
    private final RecordingKeyAgreement bobs = new RecordingKeyAgreement();
    private ChatHarness chat;

    @BeforeEach
    void startRelay() throws IOException {
        chat = ChatHarness.start();
    }

    @AfterEach
    void stop() {
        chat.close();
    }

    private static CipherSuite recording(RecordingKeyAgreement keyAgreement) {
        return new CipherSuite(keyAgreement, new HkdfSha256(), new Aes128Gcm());
    }

    @Test
    void firstInTheRoom_makesItsAnswerBeforeAnyoneJoins_andAnswersWithIt() throws Exception {
        Client alice = chat.client("alice").suite(recording(alices)).join();
        awaitResponseShares(alices, 1);

        Client bob = chat.client("bob").suite(recording(bobs)).join();
        alice.events().awaitSecured("bob");
        bob.events().awaitSecured("alice");

        assertThat(alices.madeForResponse).as("the answer made ahead served bob's INIT; none was made after")
                .hasSize(1);
        assertThat(bobs.madeForResponse).as("bob found alice there: no answer made ahead").isEmpty();
        alice.chat().close();
        assertThat(alices.destroyed).as("used, then erased").containsAll(alices.madeForResponse);
    }

    /** The share is made on another thread after the WELCOME. */
    private static void awaitResponseShares(RecordingKeyAgreement keyAgreement, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (keyAgreement.madeForResponse.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(keyAgreement.madeForResponse).as("answers made ahead by the first in the room").hasSize(count);
    }
}
