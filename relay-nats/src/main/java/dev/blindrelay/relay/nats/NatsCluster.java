package dev.blindrelay.relay.nats;

import dev.blindrelay.relay.MemberDirectory;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * This relay's connection to a NATS cluster, with the room bucket ready. Its {@link #directory()} plugs
 * into the relay's router. Connecting fails with a one-line reason (no server reachable, no JetStream,
 * frames larger than NATS carries); once connected, jnats reconnects to any server of the cluster on its own.
 */
public final class NatsCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NatsCluster.class);
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final ClusterSettings settings;
    private final String relayId;
    private final Connection connection;
    private final KeyValue rooms;
    /** Told when the connection comes back, so the directory can check what changed meanwhile. */
    private final List<Runnable> onReconnect = new CopyOnWriteArrayList<>();

    private NatsCluster(ClusterSettings settings, String relayId, Connection connection, KeyValue rooms) {
        this.settings = settings;
        this.relayId = relayId;
        this.connection = connection;
        this.rooms = rooms;
    }

    /** @throws IOException with a one-line reason that says what to do */
    public static NatsCluster connect(ClusterSettings settings) throws IOException {
        String relayId = newRelayId();
        NatsCluster[] self = new NatsCluster[1];
        Options options = new Options.Builder()
                .servers(settings.servers().toArray(String[]::new))
                .connectionName("blindrelay-" + relayId)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .connectionTimeout(Duration.ofSeconds(2))
                .pingInterval(Duration.ofSeconds(2))
                .maxMessagesInOutgoingQueue(1 << 20)
                .connectionListener((conn, event) -> {
                    LOG.info("NATS {}: {}", event, conn.getConnectedUrl());
                    if (event == ConnectionListener.Events.RECONNECTED && self[0] != null) {
                        self[0].onReconnect.forEach(Runnable::run);
                    }
                })
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        LOG.warn("NATS error: {}", error);
                    }
                })
                .build();
        Connection connection;
        try {
            connection = Nats.connect(options);
        } catch (IOException e) {
            throw new IOException("cannot reach NATS at " + String.join(",", settings.servers()) + " ("
                    + e.getMessage() + "); start nats-server with -js, or check --nats");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to NATS");
        }
        try {
            if (connection.getMaxPayload() < settings.maxFrame()) {
                throw new IOException("NATS carries at most " + connection.getMaxPayload() + " bytes per message but"
                        + " --max-frame is " + settings.maxFrame() + "; lower --max-frame or raise max_payload");
            }
            KeyValue rooms = roomBucket(connection);
            NatsCluster cluster = new NatsCluster(settings, relayId, connection, rooms);
            self[0] = cluster;
            return cluster;
        } catch (IOException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * The room bucket, made on first use: in memory (rooms are as fleeting as connections), up to 3 copies.
     * A cluster that has just started needs a few seconds to elect its JetStream leader: retried for 20 s.
     */
    private static KeyValue roomBucket(Connection connection) throws IOException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                return tryRoomBucket(connection);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.info("waiting for JetStream: {}", e.getMessage());
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static KeyValue tryRoomBucket(Connection connection) throws IOException {
        try {
            KeyValueManagement management = connection.keyValueManagement();
            if (!management.getBucketNames().contains(Subjects.BUCKET)) {
                createBucket(management, 3);
            }
            return connection.keyValue(Subjects.BUCKET);
        } catch (JetStreamApiException e) {
            throw new IOException("NATS JetStream refused the room bucket (" + e.getMessage()
                    + "); start nats-server with -js");
        } catch (IOException e) {
            throw new IOException("NATS has no JetStream (" + e.getMessage() + "); start nats-server with -js");
        }
    }

    private static void createBucket(KeyValueManagement management, int replicas)
            throws IOException, JetStreamApiException {
        try {
            management.create(KeyValueConfiguration.builder().name(Subjects.BUCKET)
                    .storageType(StorageType.Memory).maxHistoryPerKey(1).replicas(replicas).build());
        } catch (JetStreamApiException e) {
            if (replicas > 1 && e.getApiErrorCode() != 10058) {
                createBucket(management, 1); // a cluster without enough JetStream servers for copies
            } else if (e.getApiErrorCode() != 10058) { // 10058: made by another relay meanwhile
                throw e;
            }
        }
    }

    private static String newRelayId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** The directory for one relay's router; a cluster connection serves one relay. */
    public MemberDirectory.Factory directory() {
        return local -> new NatsDirectory(this, local);
    }

    public String relayId() {
        return relayId;
    }

    ClusterSettings settings() {
        return settings;
    }

    Connection connection() {
        return connection;
    }

    KeyValue rooms() {
        return rooms;
    }

    void onReconnect(Runnable action) {
        onReconnect.add(action);
    }

    /** The server this relay is connected to now, for logs and tests. */
    public String connectedUrl() {
        return connection.getConnectedUrl();
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
