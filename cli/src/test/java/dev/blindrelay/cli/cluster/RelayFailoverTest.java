package dev.blindrelay.cli.cluster;

import dev.blindrelay.client.ChatClient;
import dev.blindrelay.client.ClientSettings;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.relay.nats.NatsServers;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.testing.RecordingListener;
import dev.blindrelay.trace.Tracer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Three relay processes in one cluster; one is killed mid-chat and its clients move to the others. */
class RelayFailoverTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void killedRelay_itsClientsMoveOn_othersSeeLeaveAndJoin_nothingAcknowledgedLostOrDeliveredTwice()
            throws Exception {
        try (NatsServers nats = NatsServers.single();
             RelayServerProcess r0 = RelayServerProcess.start(nats.urls());
             RelayServerProcess r1 = RelayServerProcess.start(nats.urls());
             RelayServerProcess r2 = RelayServerProcess.start(nats.urls());
             Connector connector = Cluster.TCP.connector(TransportOptions.defaults())) {
            List<InetSocketAddress> relays = List.of(r0.address(), r1.address(), r2.address());
            List<ChatClient> clients = new ArrayList<>();
            RecordingListener alice = client("alice", relays, 0, connector, clients);
            RecordingListener bob = client("bob", relays, 1, connector, clients);
            RecordingListener carol = client("carol", relays, 2, connector, clients);
            try {
                for (RecordingListener one : List.of(alice, bob, carol)) {
                    for (String other : List.of("alice", "bob", "carol")) {
                        if (!other.equals(one.toString().replaceAll(".*\\[|]", ""))) {
                            one.awaitSecured(other);
                        }
                    }
                }
                ChatClient aliceChat = clients.get(0);
                long before = aliceChat.send("before the crash").orElseThrow();
                alice.awaitDelivered("bob", before);
                alice.awaitDelivered("carol", before);

                r0.kill();
                alice.awaitDisconnected();
                aliceChat.send("typed while moving"); // queued: sent once the new relay welcomes alice
                bob.awaitPeerLeft("alice");
                carol.awaitPeerLeft("alice");
                bob.awaitPeerJoined("alice"); // alice was in bob's WELCOME: this is her return
                carol.awaitPeerJoined("alice");
                alice.awaitSecured("bob", 2, LONG);
                alice.awaitSecured("carol", 2, LONG);
                bob.awaitMessage("alice", "typed while moving", LONG);
                carol.awaitMessage("alice", "typed while moving", LONG);
                clients.get(1).send("welcome back");
                alice.awaitMessage("bob", "welcome back", LONG);

                for (RecordingListener receiver : List.of(bob, carol)) {
                    assertThat(receiver.textsFrom("alice")).as("what %s got from alice", receiver)
                            .containsExactly("before the crash", "typed while moving");
                }
                for (RecordingListener.Delivered delivered : alice.deliveries()) {
                    RecordingListener receiver = delivered.peer().equals("bob") ? bob : carol;
                    assertThat(receiver.messages()).as("acknowledged message %s to %s", delivered.id(),
                            delivered.peer()).isNotEmpty();
                }
                assertThat(alice.failedDeliveries()).isEmpty();
            } finally {
                clients.forEach(ChatClient::close);
            }
        }
    }

    /** A client that starts on relay {@code first} and moves through the others in turn. */
    private static RecordingListener client(String name, List<InetSocketAddress> relays, int first,
                                            Connector connector, List<ChatClient> clients) throws Exception {
        List<InetSocketAddress> order = new ArrayList<>();
        for (int i = 0; i < relays.size(); i++) {
            order.add(relays.get((first + i) % relays.size()));
        }
        ClientSettings settings = new ClientSettings(name, ClientSettings.DEFAULT_ROOM, order,
                Duration.ofSeconds(10), 1000, true, Duration.ofMillis(100), Duration.ofSeconds(30));
        RecordingListener events = new RecordingListener(name);
        ChatClient chat = new ChatClient(settings, Cluster.SUITE, IdentityKeyPair.generate(new SecureRandom()),
                KnownPeers.inMemory(), connector, events, Tracer.NONE);
        clients.add(chat);
        chat.start();
        return events;
    }
}
