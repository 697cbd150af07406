package dev.blindrelay.client;

import dev.blindrelay.wire.Names;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How a client connects and behaves.
 *
 * @param name          this user's name in the room
 * @param room          the room to join
 * @param relay         the relay's address
 * @param joinTimeout   how long to wait for the relay to accept the join
 * @param maxQueued     messages held per peer while its handshake is not done, or while reconnecting
 * @param reconnect      whether a lost connection is retried (with growing delays) after a successful join
 * @param reconnectDelay the first retry delay; it doubles on each failure, up to 8 s
 * @param rejoinGrace    after a reconnect, how long messages wait for members who were in the room to rejoin
 */
public record ClientSettings(String name, String room, InetSocketAddress relay, Duration joinTimeout,
                             int maxQueued, boolean reconnect, Duration reconnectDelay, Duration rejoinGrace) {

    public static final String DEFAULT_ROOM = "lobby";

    public ClientSettings withReconnect(boolean value) {
        return new ClientSettings(name, room, relay, joinTimeout, maxQueued, value, reconnectDelay, rejoinGrace);
    }

    public ClientSettings {
        Names.require("name", name);
        Names.require("room", room);
        if (maxQueued < 0) {
            throw new IllegalArgumentException("maxQueued must not be negative");
        }
    }

    public static ClientSettings of(String name, String room, InetSocketAddress relay) {
        return new ClientSettings(name, room, relay, Duration.ofSeconds(10), 1000, true, Duration.ofMillis(250),
                Duration.ofSeconds(30));
    }
}
