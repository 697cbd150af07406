package dev.blindrelay.client;

import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import dev.blindrelay.testing.MitmRelay;
import dev.blindrelay.wire.MalformedFrameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message id rule of §8: only a message its sender marked as sent again is ever dropped as a
 * repeat. The relay here is a man in the middle (pinned on first contact) that rewrites Bob's
 * plaintexts, standing in for a client of another implementation that chooses its ids itself.
 */
class MessageIdsTest {

    private ChatHarness chat;
    private MitmRelay relay;

    @BeforeEach
    void start() throws IOException {
        chat = ChatHarness.start();
        relay = new MitmRelay(chat.suite());
        chat.relay().intercept(relay);
    }

    @AfterEach
    void stop() {
        chat.close();
    }

    /** Bob's messages, as Alice receives them, with the id and mark that {@code ids} gives their text. */
    private static UnaryOperator<byte[]> bobsMessagesAs(Function<String, ChatPayload> ids) {
        return plaintext -> {
            if (ChatPayload.isAcknowledgement(plaintext)) {
                return plaintext;
            }
            try {
                ChatPayload original = ChatPayload.parse(plaintext);
                ChatPayload rewritten = ids.apply(original.text());
                return (rewritten == null ? original : rewritten).encode();
            } catch (MalformedFrameException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static ChatPayload room(long id, String text, boolean again) {
        return new ChatPayload(ChatPayload.Kind.ROOM, id, text, again);
    }

    @Test
    void idsRestartingAtOneInANewRun_areAllShown() throws Exception {
        relay.rewritePlaintexts(bobsMessagesAs(text -> room(1, text, false)));
        Client alice = chat.join("alice");
        Client bob = chat.join("bob");
        alice.events().awaitSecured("bob");
        bob.chat().send("first run");
        alice.events().awaitMessage("bob", "first run");

        bob.close();
        alice.events().awaitPeerLeft("bob");
        Client bobAgain = chat.join("bob"); // a new run: its first message has id 1 again
        alice.events().awaitSecured("bob", 2, java.time.Duration.ofSeconds(10));
        bobAgain.chat().send("second run");
        alice.events().awaitMessage("bob", "second run");
        bobAgain.chat().send("same id, same session");
        alice.events().awaitMessage("bob", "same id, same session");
        assertThat(alice.events().textsFrom("bob")).containsExactly("first run", "second run", "same id, same session");
    }

    @Test
    void aMessageMarkedAsSentAgain_isShownOnlyIfItsIdIsNew() throws Exception {
        Client alice = chat.join("alice");
        Client bob = chat.join("bob");
        alice.events().awaitSecured("bob");
        relay.rewritePlaintexts(bobsMessagesAs(text -> switch (text) {
            case "shown as id 7" -> room(7, text, false);
            case "a repeat of id 7" -> room(7, text, true);
            case "sent again, but never shown before" -> room(8, text, true);
            default -> null;
        }));
        bob.chat().send("original");
        bob.chat().send("shown as id 7");
        bob.chat().send("a repeat of id 7");
        bob.chat().send("sent again, but never shown before");
        alice.events().awaitMessage("bob", "sent again, but never shown before");
        assertThat(alice.events().textsFrom("bob"))
                .containsExactly("original", "shown as id 7", "sent again, but never shown before");
    }
}
