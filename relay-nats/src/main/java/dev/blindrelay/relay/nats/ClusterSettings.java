package dev.blindrelay.relay.nats;

import java.time.Duration;
import java.util.List;

/**
 * How a relay joins a cluster.
 *
 * @param servers    NATS URLs, e.g. {@code nats://127.0.0.1:4222}; jnats moves to another one when one fails
 * @param heartbeat  how often this relay says it is alive
 * @param deadAfter  a relay not heard from for this long is gone: its members leave every room
 * @param maxFrame   the relay's largest frame, which NATS must be able to carry
 */
public record ClusterSettings(List<String> servers, Duration heartbeat, Duration deadAfter, int maxFrame) {

    /** 1 s heartbeats, gone after 4 s of silence (checked every 250 ms): a dead relay's members leave within 4.25 s. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);
    public static final Duration DEAD_AFTER = Duration.ofSeconds(4);

    public ClusterSettings {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("name at least one NATS server, e.g. nats://127.0.0.1:4222");
        }
        if (deadAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("deadAfter must be at least two heartbeats");
        }
    }

    public static ClusterSettings of(List<String> servers, int maxFrame) {
        return new ClusterSettings(servers, HEARTBEAT, DEAD_AFTER, maxFrame);
    }
}
