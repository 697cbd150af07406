package dev.blindrelay.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeenMessagesTest {

    @Test
    void firstTime_isTrueOncePerSenderAndId() {
        SeenMessages seen = new SeenMessages();
        assertThat(seen.firstTime("alice", 7)).isTrue();
        assertThat(seen.firstTime("alice", 7)).isFalse();
        assertThat(seen.firstTime("bob", 7)).isTrue();
        assertThat(seen.firstTime("alice", 8)).isTrue();
        // A name that ends in digits and an id must not run together ("a1" + 23 against "a12" + 3).
        assertThat(seen.firstTime("a1", 23)).isTrue();
        assertThat(seen.firstTime("a12", 3)).isTrue();
    }

    @Test
    void firstTime_forgetsTheOldestPastItsCapacity() {
        SeenMessages seen = new SeenMessages();
        seen.firstTime("alice", 0);
        for (long id = 1; id < 4096; id++) {
            seen.firstTime("alice", id);
        }
        assertThat(seen.firstTime("alice", 0)).as("still held at capacity").isFalse();
        assertThat(seen.firstTime("alice", 5000)).isTrue();
        assertThat(seen.firstTime("alice", 0)).as("the oldest, evicted").isTrue();
        assertThat(seen.firstTime("alice", 4095)).as("a recent one, kept").isFalse();
    }
}
