package dev.blindrelay.cli.cluster;

import dev.blindrelay.relay.nats.NatsServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Names, joins and leaves are the same across relays as on one relay. */
class ClusterMembershipTest {

    private static NatsServers nats;
    private static Cluster cluster;

    @BeforeAll
    static void start() throws Exception {
        nats = NatsServers.single();
        cluster = Cluster.start(nats, 2);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        nats.close();
    }

    @Test
    void aNameTakenOnOneRelayIsRefusedOnAnother_alsoInAnotherCaseOrWithLookAlikeLetters() throws Exception {
        cluster.join("Alice", 0);
        assertThatThrownBy(() -> cluster.join("Alice", 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("name 'Alice' is already taken");
        assertThatThrownBy(() -> cluster.join("ALICE", 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("looks the same as 'Alice'");
        assertThatThrownBy(() -> cluster.join("\u0410lice", 1)).isInstanceOf(IOException.class) // Cyrillic A
                .hasMessageContaining("looks the same as 'Alice'");
    }

    @Test
    void welcomeListsEarlierMembersEverywhere_andLeavesReachOtherRelays() throws Exception {
        Cluster.Client first = cluster.client("first", 0);
        first.chat().start();
        Cluster.Client second = cluster.join("second", 1);
        Cluster.Client third = cluster.join("third", 0);
        assertThat(second.events().awaitJoined().members()).contains("first");
        assertThat(third.events().awaitJoined().members()).contains("first", "second");
        first.events().awaitPeerJoined("second");
        first.events().awaitPeerJoined("third");
        second.events().awaitPeerJoined("third");
        third.events().awaitSecured("first");
        third.events().awaitSecured("second");

        second.chat().close();
        first.events().awaitPeerLeft("second");
        third.events().awaitPeerLeft("second");
        Cluster.Client again = cluster.join("second", 0); // the name is free again, on either relay
        assertThat(again.events().awaitJoined().members()).contains("first", "third");
        again.events().awaitSecured("first");
    }
}
