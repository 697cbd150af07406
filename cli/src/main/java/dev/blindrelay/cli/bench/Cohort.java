package dev.blindrelay.cli.bench;

import dev.blindrelay.client.ChatClient;
import dev.blindrelay.client.ClientSettings;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.trace.Tracer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A group of real chat users spread round-robin over rooms: each a {@link ChatClient} with its own
 * in-memory identity, all sharing one {@link Connector}. Joining is one after another, so the relay
 * sees joins arrive as it would from many people, and every join starts the handshakes of its room.
 */
final class Cohort {

    private final List<BenchClient> clients = new ArrayList<>();
    private final List<List<BenchClient>> rooms = new ArrayList<>();

    /**
     * @param firstIndex the first client's number (names are {@code c<number>}); cohorts do not overlap
     * @param roomPrefix rooms are {@code <prefix>0}, {@code <prefix>1}, ...
     */
    Cohort(int count, int roomCount, int firstIndex, String roomPrefix, int size, HandshakeClock clock,
           Traffic traffic, CipherSuite suite, Connector connector, List<InetSocketAddress> relays,
           SessionOptions session, boolean oneWay) {
        SecureRandom random = new SecureRandom();
        for (int r = 0; r < roomCount; r++) {
            rooms.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            BenchClient client = new BenchClient(firstIndex + i, size, clock, traffic);
            clients.add(client);
            rooms.get(i % roomCount).add(client);
        }
        for (int i = 0; i < count; i++) {
            // No reconnecting: in a benchmark a lost connection is a failure to report, not to hide.
            // The members of a room go to different relays in turn, so that with several relays every room spans them.
            InetSocketAddress relay = relays.get((i / roomCount) % relays.size());
            ClientSettings settings = ClientSettings.of(clients.get(i).name, roomPrefix + (i % roomCount), relay)
                    .withReconnect(false).withSession(session);
            boolean sends = !oneWay || i < roomCount; // one way: the first member of each room sends
            clients.get(i).attach(new ChatClient(settings, suite, IdentityKeyPair.generate(random),
                    KnownPeers.inMemory(), connector, clients.get(i), Tracer.NONE), rooms.get(i % roomCount).size(),
                    sends);
        }
    }

    List<BenchClient> clients() {
        return clients;
    }

    List<List<BenchClient>> rooms() {
        return rooms;
    }

    /** Handshakes the joins will start: one per pair of members in each room. */
    long pairs() {
        return rooms.stream().mapToLong(room -> (long) room.size() * (room.size() - 1) / 2).sum();
    }

    /** Joins every client, at most {@code perSecond} a second (0: each as soon as the previous was welcomed). */
    void join(int perSecond) throws IOException {
        long start = System.nanoTime();
        long gap = perSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
        for (int i = 0; i < clients.size(); i++) {
            long due = start + i * gap;
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            clients.get(i).client().start();
        }
    }

    void close() {
        clients.forEach(client -> client.client().close());
    }
}
