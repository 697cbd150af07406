package dev.blindrelay.client;

import dev.blindrelay.handshake.SpareKeyShares;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.identity.SafetyNumber;
import dev.blindrelay.session.StolenSession;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.trace.Tracer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A chat client: joins a room through a relay, runs one pairwise handshake with every other member,
 * and encrypts each message separately for each recipient. Transport-agnostic; the user interface
 * talks to it through these methods and a {@link ChatListener}.
 *
 * <p>This class is the engine: the connection, the room's membership and the user's commands. Each
 * other member's handshake, session and deliveries live in its {@link Peer}; what arrives from the relay
 * is handled by {@link InboundFrames}; retrying a lost connection is the {@link Reconnector}'s, and what
 * waits for it is in {@link HeldMessages}.
 *
 * <p>Who initiates: the member who joins later, with each member already there (the relay's WELCOME
 * lists them). Everything that arrives from the relay is treated as hostile: frames that do not
 * authenticate, repeat a counter, or come back from ourselves are rejected with a warning, and the
 * chat goes on.
 */
public final class ChatClient implements AutoCloseable {

    private final ClientSettings settings;
    private final SuitePreference suites;
    private final IdentityKeyPair identity;
    private final ChatListener listener;
    private final Connector connector;
    private final ClientContext context;

    private final Object lock = new Object();
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private final HeldMessages held;
    private final ClientTimer timer;
    private final Reconnector reconnector;
    private final LiveConnection live = new LiveConnection();
    private final InboundFrames inbound;
    private long nextMessageId;
    /** Index of the relay of the current (or last) connection in the settings' list. */
    private volatile int relayInUse;

    /** A client that accepts exactly one suite. */
    public ChatClient(ClientSettings settings, CipherSuite suite, IdentityKeyPair identity, KnownPeers knownPeers,
                      Connector connector, ChatListener listener, Tracer tracer) {
        this(settings, SuitePreference.of(suite), identity, knownPeers, connector, listener, tracer);
    }

    /**
     * @param suites the suites this client accepts, most preferred first: it offers them when it initiates, and
     *               takes the first of a peer's offer among them when it responds
     */
    public ChatClient(ClientSettings settings, SuitePreference suites, IdentityKeyPair identity, KnownPeers knownPeers,
                      Connector connector, ChatListener listener, Tracer tracer) {
        this.settings = settings;
        this.suites = suites;
        this.identity = identity;
        this.listener = listener;
        this.connector = connector;
        this.timer = new ClientTimer(settings.name());
        this.context = new ClientContext(settings, suites, identity, knownPeers, listener, tracer, new SeenMessages(),
                live::send, this::afterUnlessClosed, new SpareKeyShares());
        this.held = new HeldMessages(listener, settings.maxQueued());
        this.reconnector = new Reconnector(settings.reconnectDelay(), timer, lock, listener, this::rejoin);
        this.inbound = new InboundFrames(lock, live, peers, held, context, timer, reconnector);
        // Ids start at a random point so that ids from two runs of the same user do not collide.
        this.nextMessageId = new SecureRandom().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL;
    }

    /**
     * Connects and joins the room; returns when the relay accepted the join.
     *
     * @throws IOException with the relay's one-line reason (unreachable, name taken, ...)
     */
    public void start() throws IOException {
        timer.start(); // now, not on the first handshake's path
        try {
            joinAnyRelay(0);
        } catch (IOException | RuntimeException e) {
            timer.release();
            throw e;
        }
    }

    /** After a lost connection: the next relay first, as the last one may be gone (one relay: that one). */
    private void rejoin() throws IOException {
        joinAnyRelay(1);
    }

    /** Tries the relays in turn, from the one in use plus {@code skip}; fails with the first one's reason. */
    private void joinAnyRelay(int skip) throws IOException {
        List<InetSocketAddress> relays = settings.relays();
        IOException first = null;
        for (int i = 0; i < relays.size(); i++) {
            int index = (relayInUse + skip + i) % relays.size();
            try {
                connectAndJoin(relays.get(index));
                relayInUse = index;
                return;
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw relays.size() == 1 ? first : new IOException(first.getMessage() + " (and " + (relays.size() - 1)
                + " other relay(s) failed too)", first);
    }

    private void connectAndJoin(InetSocketAddress relay) throws IOException {
        RelayConnection opened = RelayConnection.open(connector, relay, inbound);
        synchronized (lock) {
            if (!live.attach(opened)) {
                opened.close();
                throw new IOException("the client was closed");
            }
        }
        context.prepareInitiatorShares();
        opened.join(settings.name(), settings.room(), settings.joinTimeout());
    }

    /**
     * Encrypts {@code text} separately for every member of the room.
     *
     * @return the message id, or empty when nobody else is in the room
     */
    public Optional<Long> send(String text) {
        synchronized (lock) {
            if (!live.online() && !live.closed() && settings.reconnect()) {
                ChatPayload payload = new ChatPayload(ChatPayload.Kind.ROOM, nextMessageId++, text);
                if (!held.holdForRoom(payload)) {
                    return Optional.empty();
                }
                listener.status("Not connected: message queued, it will be sent after reconnecting");
                return Optional.of(payload.id());
            }
            if (peers.isEmpty()) {
                listener.warning(inbound.someoneLeft()
                        ? "everyone else has left room '" + settings.room() + "'; message not sent"
                        : "nobody else is in room '" + settings.room() + "' yet; message not sent");
                return Optional.empty();
            }
            ChatPayload payload = new ChatPayload(ChatPayload.Kind.ROOM, nextMessageId++, text);
            for (Peer peer : peers.values()) {
                peer.deliver(payload);
            }
            return Optional.of(payload.id());
        }
    }

    /** Encrypts {@code text} for one member only ({@code /msg}). */
    public Optional<Long> sendTo(String name, String text) {
        synchronized (lock) {
            Peer peer = peers.get(name);
            if (peer == null && held.waitsFor(name) && !live.online()) {
                // Disconnected, and name was in the room: hold it for them, as a room message would be.
                ChatPayload payload = new ChatPayload(ChatPayload.Kind.DIRECT, nextMessageId++, text);
                held.holdFor(name, payload);
                listener.status("Not connected: message queued for " + name + ", it will be sent after reconnecting");
                return Optional.of(payload.id());
            }
            if (peer == null) {
                listener.warning("no member '" + name + "' in room '" + settings.room() + "'; /who lists them");
                return Optional.empty();
            }
            ChatPayload payload = new ChatPayload(ChatPayload.Kind.DIRECT, nextMessageId++, text);
            peer.deliver(payload);
            return Optional.of(payload.id());
        }
    }

    /** Members of the room other than this user, with the state of each session. */
    public Map<String, String> members() {
        synchronized (lock) {
            Map<String, String> states = new LinkedHashMap<>();
            peers.values().forEach(peer -> states.put(peer.name, peer.state()));
            return states;
        }
    }

    /** The session safety code with {@code name}, when a session exists. */
    public Optional<String> safetyCode(String name) {
        return fromPeer(name, peer -> peer.session().safetyCode());
    }

    /** The long-term safety number with {@code name}, from both identity keys. */
    public Optional<String> safetyNumber(String name) {
        return fromPeer(name, peer -> SafetyNumber.of(settings.name(), identity.publicKey(), name,
                peer.session().peerIdentityKey()));
    }

    /** A copy of the session with {@code name}, as a thief reading this memory gets it (demo --compromise-at). */
    public Optional<StolenSession> stealSession(String name) {
        return fromPeer(name, peer -> peer.session().steal());
    }

    /** {@code query} of the peer {@code name}, when a session with it exists. */
    private <T> Optional<T> fromPeer(String name, Function<Peer, T> query) {
        synchronized (lock) {
            Peer peer = securedPeer(name);
            return peer == null ? Optional.empty() : Optional.of(query.apply(peer));
        }
    }

    /**
     * Accepts the new identity key of {@code name} after a mismatch, and sends what was held back.
     * A key that did not change is left as it is.
     */
    public TrustOutcome trust(String name) throws IOException {
        synchronized (lock) {
            Peer peer = securedPeer(name);
            return peer == null ? TrustOutcome.NO_SESSION : peer.trust();
        }
    }

    /** How the identity key of {@code name} compares with its pin, once a session exists. */
    public Optional<KnownPeers.Check> trustOf(String name) {
        return fromPeer(name, Peer::trustCheck);
    }

    /** Records that the user compared the safety number with {@code name}. */
    public boolean markVerified(String name) throws IOException {
        synchronized (lock) {
            Peer peer = securedPeer(name);
            if (peer == null || peer.blocked()) {
                return false;
            }
            peer.markVerified();
            return true;
        }
    }

    private Peer securedPeer(String name) {
        Peer peer = peers.get(name);
        return peer == null || !peer.secured() ? null : peer;
    }

    /** Members with an established session. */
    public int securedPeers() {
        synchronized (lock) {
            return (int) peers.values().stream().filter(Peer::secured).count();
        }
    }

    /** Messages sent or queued that no peer has acknowledged yet. */
    public int pendingDeliveries() {
        synchronized (lock) {
            return peers.values().stream().mapToInt(Peer::pending).sum();
        }
    }

    public String name() {
        return settings.name();
    }

    public String room() {
        return settings.room();
    }

    /** The suites this client accepts, most preferred first. */
    public SuitePreference suites() {
        return suites;
    }

    /** The suite the session with {@code name} negotiated, when a session exists. */
    public Optional<CipherSuite> sessionSuite(String name) {
        return fromPeer(name, peer -> peer.session().suite());
    }

    public IdentityKeyPair identity() {
        return identity;
    }

    /** Leaves the room: the relay tells the others. Erases every session key. */
    @Override
    public void close() {
        RelayConnection toClose;
        synchronized (lock) {
            if (live.closed()) {
                return;
            }
            toClose = live.close();
            for (Peer peer : peers.values()) {
                peer.forget();
                peer.reportUndelivered("you left before " + peer.name + " acknowledged it");
            }
            held.giveUp("you left while disconnected");
            reconnector.stop();
            timer.stop();
            context.spares().close();
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    /** On the connection's own thread where the transport offers one (no thread to wake), else on the timer. */
    private void afterUnlessClosed(Duration delay, Runnable task) {
        Runnable unlessClosed = () -> {
            synchronized (lock) {
                if (!live.closed()) {
                    task.run();
                }
            }
        };
        if (!live.schedule(unlessClosed, delay)) {
            timer.later(unlessClosed, delay);
        }
    }
}
