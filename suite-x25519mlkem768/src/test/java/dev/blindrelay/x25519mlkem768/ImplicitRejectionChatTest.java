package dev.blindrelay.x25519mlkem768;

import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.LoopbackTransport;
import dev.blindrelay.testing.suite.ForwardingKeyAgreement;
import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.relay.RelayObserver;
import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Implicit rejection, end to end: Bob's ML-KEM ciphertext is corrupted after he encapsulated (a faulty
 * implementation, or bits flipped before he signed). Alice's decapsulation does not fail; it gives an unrelated
 * secret, so her key confirmation check is what stops the handshake, with a clear warning. Carol, in the same room
 * with a sound suite, chats on.
 */
class ImplicitRejectionChatTest {

    private static final CipherSuite PQ = PluginRegistry.load().suite("pq");

    @Test
    void tamperedCiphertext_keyConfirmationFailsAndTheRoomChatsOn() throws Exception {
        CipherSuite corrupting = new CipherSuite(new CorruptingResponder(PQ.keyAgreement()), PQ.kdf(), PQ.aead());
        try (ChatHarness chat = ChatHarness.start(new LoopbackTransport(), PQ, RelayLimits.defaults(),
                RelayObserver.NONE)) {
            ChatHarness.Client bob = chat.client("bob").suite(corrupting).join();
            ChatHarness.Client carol = chat.join("carol");
            ChatHarness.Client alice = chat.join("alice");

            assertThat(alice.events().awaitWarningContaining("handshake with bob failed"))
                    .contains("key confirmation from bob failed: the two sides derived different keys");
            alice.events().awaitSecured("carol");
            alice.chat().send("still here");
            carol.events().awaitMessage("alice", "still here");
            assertThat(alice.events().securedWith("bob")).isEmpty();
            assertThat(bob.events().securedWith("alice")).isEmpty();
        }
    }

    /** The real hybrid, except that the responder's ML-KEM ciphertext has one bit flipped after encapsulation. */
    private static final class CorruptingResponder extends ForwardingKeyAgreement {

        CorruptingResponder(KeyAgreement real) {
            super(real);
        }

        @Override
        public KeyAgreementResponse respond(byte[] initiatorPublic) throws GeneralSecurityException {
            KeyAgreementResponse honest = real.respond(initiatorPublic);
            byte[] message = honest.message();
            message[100] ^= 0x04;
            return new KeyAgreementResponse(message, honest.sharedSecret(), honest.ownShare());
        }
    }
}
