package dev.blindrelay.cli.cluster;

import dev.blindrelay.relay.nats.NatsServers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One room over three relays that share it through one NATS server. */
class ClusterChatTest {

    @Test
    void clientsOnThreeRelays_allPairsSecureAndChatBothWays_andNeitherRelaysNorNatsSeePlaintext() throws Exception {
        try (NatsServers nats = NatsServers.single(); Cluster cluster = Cluster.start(nats, 3)) {
            List<Cluster.Client> clients = List.of(cluster.join("alice", 0), cluster.join("bob", 1),
                    cluster.join("carol", 2), cluster.join("dave", 0));
            for (Cluster.Client one : clients) {
                for (Cluster.Client other : clients) {
                    if (one != other) {
                        one.events().awaitSecured(other.name());
                    }
                }
            }
            for (Cluster.Client sender : clients) {
                sender.chat().send("secret from " + sender.name());
            }
            for (Cluster.Client receiver : clients) {
                for (Cluster.Client sender : clients) {
                    if (receiver != sender) {
                        receiver.events().awaitMessage(sender.name(), "secret from " + sender.name());
                    }
                }
            }
            for (Cluster.Client receiver : clients) {
                for (Cluster.Client sender : clients) {
                    if (receiver != sender) {
                        assertThat(receiver.events().textsFrom(sender.name())).as("%s from %s", receiver.name(),
                                sender.name()).containsExactly("secret from " + sender.name());
                    }
                }
            }
            List<byte[]> traffic = cluster.traffic();
            assertThat(cluster.natsSaw).as("frames that crossed NATS").isNotEmpty();
            for (Cluster.Client sender : clients) {
                byte[] plaintext = ("secret from " + sender.name()).getBytes(StandardCharsets.UTF_8);
                assertThat(traffic).noneMatch(message -> contains(message, plaintext));
            }
        }
    }

    /** Byte for byte: ISO-8859-1 maps every byte to one char. */
    static boolean contains(byte[] haystack, byte[] needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(new String(needle, StandardCharsets.ISO_8859_1));
    }
}
