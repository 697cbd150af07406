package dev.blindrelay.client;

import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.wire.Names;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * How a client connects and behaves.
 *
 * @param name          this user's name in the room
 * @param room          the room to join
 * @param relays        the relays' addresses, tried in turn: a relay cluster shares rooms, so any of them will do,
 *                      and a client that loses one moves on to the next
 * @param joinTimeout   how long to wait for the relay to accept the join
 * @param maxQueued     messages held per peer while its handshake is not done, or while reconnecting
 * @param reconnect      whether a lost connection is retried (with growing delays) after a successful join
 * @param reconnectDelay the first retry delay; it doubles on each failure, up to 8 s
 * @param rejoinGrace    after a reconnect, how long messages wait for members who were in the room to rejoin
 * @param handshakeTimeout how long an initiator waits for the answer to its INIT before it tries once more
 *                       (and then gives up); a responder waits half as long for the FINISH
 * @param session        the kind of session made with each peer (ratchet unless asked otherwise)
 */
public record ClientSettings(String name, String room, List<InetSocketAddress> relays, Duration joinTimeout,
                             int maxQueued, boolean reconnect, Duration reconnectDelay, Duration rejoinGrace,
                             Duration handshakeTimeout, SessionOptions session) {

    public static final String DEFAULT_ROOM = "lobby";
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** With the default handshake timeout. */
    public ClientSettings(String name, String room, List<InetSocketAddress> relays, Duration joinTimeout,
                          int maxQueued, boolean reconnect, Duration reconnectDelay, Duration rejoinGrace) {
        this(name, room, relays, joinTimeout, maxQueued, reconnect, reconnectDelay, rejoinGrace,
                DEFAULT_HANDSHAKE_TIMEOUT, SessionOptions.defaults());
    }

    /** With one relay. */
    public ClientSettings(String name, String room, InetSocketAddress relay, Duration joinTimeout, int maxQueued,
                          boolean reconnect, Duration reconnectDelay, Duration rejoinGrace) {
        this(name, room, List.of(relay), joinTimeout, maxQueued, reconnect, reconnectDelay, rejoinGrace);
    }

    public ClientSettings withReconnect(boolean value) {
        return new ClientSettings(name, room, relays, joinTimeout, maxQueued, value, reconnectDelay, rejoinGrace,
                handshakeTimeout, session);
    }

    /** With these relays, tried in turn. */
    public ClientSettings withRelays(List<InetSocketAddress> value) {
        return new ClientSettings(name, room, value, joinTimeout, maxQueued, reconnect, reconnectDelay, rejoinGrace,
                handshakeTimeout, session);
    }

    public ClientSettings withHandshakeTimeout(Duration value) {
        return new ClientSettings(name, room, relays, joinTimeout, maxQueued, reconnect, reconnectDelay, rejoinGrace,
                value, session);
    }

    /** With this kind of session (and these ratchet limits). */
    public ClientSettings withSession(SessionOptions value) {
        return new ClientSettings(name, room, relays, joinTimeout, maxQueued, reconnect, reconnectDelay, rejoinGrace,
                handshakeTimeout, value);
    }

    /** The first relay. */
    public InetSocketAddress relay() {
        return relays.get(0);
    }

    public ClientSettings {
        relays = List.copyOf(relays);
        if (relays.isEmpty()) {
            throw new IllegalArgumentException("name at least one relay");
        }
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
