package dev.blindrelay.cli.cluster;

import dev.blindrelay.relay.nats.NatsServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A three-node NATS cluster loses a node: the relay on it moves to another node and the chat goes on. */
class NatsNodeFailureTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void killedNatsNode_relaysReconnectToAnotherNode_andTheChatContinues() throws Exception {
        try (NatsServers nats = NatsServers.cluster(3); Cluster cluster = Cluster.start(nats, 3)) {
            List<Cluster.Client> clients = List.of(cluster.join("alice", 0), cluster.join("bob", 1),
                    cluster.join("carol", 2));
            for (Cluster.Client one : clients) {
                for (Cluster.Client other : clients) {
                    if (one != other) {
                        one.events().awaitSecured(other.name());
                    }
                }
            }
            String lost = nats.node(0).url();
            assertThat(cluster.connections.get(0).connectedUrl()).isEqualTo(lost);

            nats.kill(0);
            long deadline = System.nanoTime() + LONG.toNanos();
            while (lost.equals(cluster.connections.get(0).connectedUrl())
                    || cluster.connections.get(0).connectedUrl() == null) {
                assertThat(System.nanoTime()).as("relay 0 back on another NATS node in time").isLessThan(deadline);
                Thread.sleep(50);
            }
            for (Cluster.Client sender : clients) {
                sender.chat().send("after the node died, from " + sender.name());
            }
            for (Cluster.Client receiver : clients) {
                for (Cluster.Client sender : clients) {
                    if (receiver != sender) {
                        receiver.events().awaitMessage(sender.name(), "after the node died, from " + sender.name(),
                                LONG);
                    }
                }
            }
            for (Cluster.Client client : clients) {
                assertThat(client.events().peersLeft()).as("%s saw nobody leave", client.name()).isEmpty();
                assertThat(client.events().disconnects()).as("%s stayed connected", client.name()).isEmpty();
            }
            Cluster.Client dave = cluster.join("dave", 0); // joins still work: the room bucket has copies
            dave.events().awaitSecured("alice", LONG);
        }
    }
}
