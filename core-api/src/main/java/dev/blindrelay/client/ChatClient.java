package dev.blindrelay.client;

import dev.blindrelay.handshake.HandshakeContext;
import dev.blindrelay.handshake.HandshakeException;
import dev.blindrelay.handshake.HandshakeFinish;
import dev.blindrelay.handshake.HandshakeInit;
import dev.blindrelay.handshake.HandshakeReject;
import dev.blindrelay.handshake.HandshakeResponse;
import dev.blindrelay.handshake.Initiator;
import dev.blindrelay.handshake.Responder;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.identity.SafetyNumber;
import dev.blindrelay.session.Opened;
import dev.blindrelay.session.ReplayException;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.spi.ClientConnection;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.FrameListener;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.trace.Tracer;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.RelayMessages;

import javax.crypto.AEADBadTagException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A chat client: joins a room through a relay, runs one pairwise handshake with every other member,
 * and encrypts each message separately for each recipient. Transport-agnostic; the user interface
 * talks to it through these methods and a {@link ChatListener}.
 *
 * <p>Who initiates: the member who joins later, with each member already there (the relay's WELCOME
 * lists them). Everything that arrives from the relay is treated as hostile: frames that do not
 * authenticate, repeat a counter, or come back from ourselves are rejected with a warning, and the
 * chat goes on.
 */
public final class ChatClient implements AutoCloseable {

    private static final int SEEN_IDS = 4096;
    private static final long MAX_RECONNECT_DELAY_MS = 8_000;

    private final ClientSettings settings;
    private final CipherSuite suite;
    private final IdentityKeyPair identity;
    private final KnownPeers knownPeers;
    private final Connector connector;
    private final ChatListener listener;
    private final Tracer tracer;

    private final Object lock = new Object();
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    /** Recently seen (sender, message id) pairs: a message resent after a reconnect shows once. */
    private final Map<String, Boolean> seen = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_IDS;
        }
    };
    private long nextMessageId;
    /** The live connection and the listener of its frames; frames from an older connection are ignored. */
    private ClientConnection connection;
    private Frames current;
    private boolean closed;
    /** While reconnecting: messages typed meanwhile, and per peer what it had not acknowledged. */
    private final List<ChatPayload> offline = new ArrayList<>();
    private final Map<String, List<ChatPayload>> carried = new LinkedHashMap<>();
    private int reconnectAttempt;
    private ScheduledExecutorService reconnector;

    public ChatClient(ClientSettings settings, CipherSuite suite, IdentityKeyPair identity, KnownPeers knownPeers,
                      Connector connector, ChatListener listener, Tracer tracer) {
        this.settings = settings;
        this.suite = suite;
        this.identity = identity;
        this.knownPeers = knownPeers;
        this.connector = connector;
        this.listener = listener;
        this.tracer = tracer;
        // Ids start at a random point so that ids from two runs of the same user do not collide.
        this.nextMessageId = new SecureRandom().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL;
    }

    /**
     * Connects and joins the room; returns when the relay accepted the join.
     *
     * @throws IOException with the relay's one-line reason (unreachable, name taken, ...)
     */
    public void start() throws IOException {
        connectAndJoin();
    }

    private void connectAndJoin() throws IOException {
        Frames frames = new Frames();
        ClientConnection opened = connector.connect(settings.relay(), frames);
        synchronized (lock) {
            if (closed) {
                opened.close();
                throw new IOException("the client was closed");
            }
            connection = opened;
            current = frames;
        }
        opened.send(new Envelope(FrameType.JOIN, settings.name(), "", settings.room(), new byte[0]).encode());
        try {
            frames.welcome.get(settings.joinTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            opened.close();
            throw new IOException(e.getCause().getMessage());
        } catch (TimeoutException e) {
            opened.close();
            throw new IOException("the relay did not answer the join within " + settings.joinTimeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opened.close();
            throw new IOException("interrupted while joining");
        }
    }

    /** After a lost connection: try again with growing delays until it works or the user leaves. */
    private void scheduleReconnect() {
        if (reconnector == null) {
            reconnector = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "reconnect-" + settings.name());
                thread.setDaemon(true);
                return thread;
            });
        }
        long base = settings.reconnectDelay().toMillis() << Math.min(reconnectAttempt, 5);
        long delay = Math.min(base, MAX_RECONNECT_DELAY_MS) + ThreadLocalRandom.current().nextLong(1 + base / 5);
        reconnectAttempt++;
        listener.status(String.format("Reconnecting in %.1f s (attempt %d)...", delay / 1000.0, reconnectAttempt));
        reconnector.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        try {
            connectAndJoin();
            synchronized (lock) {
                reconnectAttempt = 0;
                listener.status("Reconnected to the relay; every session gets a fresh handshake");
            }
        } catch (IOException e) {
            synchronized (lock) {
                if (!closed) {
                    listener.status("Reconnect failed: " + e.getMessage());
                    scheduleReconnect();
                }
            }
        }
    }

    /**
     * Encrypts {@code text} separately for every member of the room.
     *
     * @return the message id, or empty when nobody else is in the room
     */
    public Optional<Long> send(String text) {
        synchronized (lock) {
            if (!online() && !closed && settings.reconnect()) {
                return Optional.ofNullable(queueOffline(new ChatPayload(ChatPayload.Kind.ROOM, nextMessageId++, text)));
            }
            if (peers.isEmpty()) {
                listener.warning("nobody else is in room '" + settings.room() + "' yet; message not sent");
                return Optional.empty();
            }
            ChatPayload payload = new ChatPayload(ChatPayload.Kind.ROOM, nextMessageId++, text);
            for (Peer peer : peers.values()) {
                deliver(peer, payload);
            }
            return Optional.of(payload.id());
        }
    }

    /** Encrypts {@code text} for one member only ({@code /msg}). */
    public Optional<Long> sendTo(String name, String text) {
        synchronized (lock) {
            Peer peer = peers.get(name);
            List<ChatPayload> waiting = carried.get(name);
            if (peer == null && waiting != null && !online()) {
                // Disconnected, and name was in the room: hold it for them, as a room message would be.
                ChatPayload payload = new ChatPayload(ChatPayload.Kind.DIRECT, nextMessageId++, text);
                waiting.add(payload);
                listener.status("Not connected: message queued for " + name + ", it will be sent after reconnecting");
                return Optional.of(payload.id());
            }
            if (peer == null) {
                listener.warning("no member '" + name + "' in room '" + settings.room() + "'; /who lists them");
                return Optional.empty();
            }
            ChatPayload payload = new ChatPayload(ChatPayload.Kind.DIRECT, nextMessageId++, text);
            deliver(peer, payload);
            return Optional.of(payload.id());
        }
    }

    /**
     * Joined on the current connection. A reconnect is not online until the relay's WELCOME: until then
     * the room's members are unknown, so a message typed meanwhile is queued, not refused.
     */
    private boolean online() {
        return current != null && current.welcome.isDone() && !current.welcome.isCompletedExceptionally();
    }

    /**
     * Holds a message typed while the relay is unreachable. It is meant for the people who were in the
     * room, so it waits for each of them; with nobody known, it goes to whoever is there on return.
     */
    private Long queueOffline(ChatPayload payload) {
        int waiting = offline.size() + carried.values().stream().mapToInt(List::size).max().orElse(0);
        if (waiting >= settings.maxQueued()) {
            listener.notDelivered("the room", payload.id(), "not connected and " + settings.maxQueued()
                    + " messages are already waiting");
            return null;
        }
        if (carried.isEmpty()) {
            offline.add(payload);
        } else {
            carried.values().forEach(pending -> pending.add(payload));
        }
        listener.status("Not connected: message queued, it will be sent after reconnecting");
        return payload.id();
    }

    private void deliver(Peer peer, ChatPayload payload) {
        if (peer.blocked()) {
            listener.notDelivered(peer.name, payload.id(), peer.name + "'s identity key changed; run /trust "
                    + peer.name + " after checking /verify " + peer.name + ", or leave");
            return;
        }
        if (!peer.secured()) {
            if (peer.outbox.size() >= settings.maxQueued()) {
                listener.notDelivered(peer.name, payload.id(), "the queue for " + peer.name + " is full ("
                        + settings.maxQueued() + " messages) while the handshake is pending");
                return;
            }
            peer.outbox.add(payload);
            return;
        }
        sealAndSend(peer, payload);
        peer.unacknowledged.put(payload.id(), payload);
    }

    private void sealAndSend(Peer peer, ChatPayload payload) {
        try {
            send(peer.session.seal(payload.encode()));
        } catch (GeneralSecurityException e) {
            listener.notDelivered(peer.name, payload.id(), "encryption failed: " + e.getMessage());
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
        synchronized (lock) {
            Peer peer = peers.get(name);
            return peer == null || peer.session == null ? Optional.empty() : Optional.of(peer.session.safetyCode());
        }
    }

    /** The long-term safety number with {@code name}, from both identity keys. */
    public Optional<String> safetyNumber(String name) {
        synchronized (lock) {
            Peer peer = peers.get(name);
            if (peer == null || peer.session == null) {
                return Optional.empty();
            }
            return Optional.of(SafetyNumber.of(settings.name(), identity.publicKey(), name,
                    peer.session.peerIdentityKey()));
        }
    }

    /** Accepts the new identity key of {@code name} after a mismatch, and sends what was held back. */
    public boolean trust(String name) throws IOException {
        synchronized (lock) {
            Peer peer = peers.get(name);
            if (peer == null || peer.session == null) {
                return false;
            }
            knownPeers.trust(name, peer.session.peerIdentityKey());
            peer.trust = KnownPeers.Check.MATCHES;
            flushOutbox(peer);
            return true;
        }
    }

    /** Records that the user compared the safety number with {@code name}. */
    public boolean markVerified(String name) throws IOException {
        synchronized (lock) {
            Peer peer = peers.get(name);
            if (peer == null || peer.session == null || peer.blocked()) {
                return false;
            }
            knownPeers.markVerified(name, peer.session.peerIdentityKey());
            peer.trust = KnownPeers.Check.VERIFIED;
            return true;
        }
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
            return peers.values().stream().mapToInt(peer -> peer.unacknowledged.size() + peer.outbox.size()).sum();
        }
    }

    public String name() {
        return settings.name();
    }

    public String room() {
        return settings.room();
    }

    public CipherSuite suite() {
        return suite;
    }

    public IdentityKeyPair identity() {
        return identity;
    }

    /** Leaves the room: the relay tells the others. Erases every session key. */
    @Override
    public void close() {
        ClientConnection toClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = connection;
            for (Peer peer : peers.values()) {
                peer.forget();
                reportUndelivered(peer, "you left before " + peer.name + " acknowledged it");
            }
            reportCarried("you left while disconnected");
            if (reconnector != null) {
                reconnector.shutdownNow();
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    private void send(byte[] frame) {
        ClientConnection current = connection;
        if (current != null) {
            current.send(frame);
        }
    }

    private void sendTo(Peer peer, FrameType type, byte[] body) {
        send(new Envelope(type, settings.name(), peer.name, settings.room(), body).encode());
    }

    private HandshakeContext context(String peer) {
        return new HandshakeContext(suite, identity, settings.name(), peer, settings.room(), tracer);
    }

    // ---- frames from the relay, on the transport thread ----

    /** The listener of one connection; it owns that connection's join result. */
    private final class Frames implements FrameListener {
        final CompletableFuture<List<String>> welcome = new CompletableFuture<>();

        @Override
        public void frameReceived(byte[] frame) {
            synchronized (lock) {
                if (!closed && current == this) {
                    handle(this, frame);
                }
            }
        }

        @Override
        public void readComplete() {
            synchronized (lock) {
                if (!closed && current == this) {
                    sendAcks();
                }
            }
        }

        @Override
        public void closed(String reason) {
            synchronized (lock) {
                if (current != this) {
                    return;
                }
                // Before the join succeeded, connectAndJoin() reports the failure; nobody was chatting yet.
                boolean wasJoined = welcome.isDone() && !welcome.isCompletedExceptionally();
                welcome.completeExceptionally(new IOException(reason));
                current = null;
                connection = null;
                for (Peer peer : peers.values()) {
                    peer.forget();
                    List<ChatPayload> pending = carried.computeIfAbsent(peer.name, name -> new ArrayList<>());
                    pending.addAll(peer.unacknowledged.values());
                    pending.addAll(peer.outbox);
                }
                peers.clear();
                if (closed || !wasJoined) {
                    return;
                }
                if (settings.reconnect()) {
                    listener.disconnected(reason + "; unacknowledged messages will be sent again after reconnecting");
                    scheduleReconnect();
                } else {
                    reportCarried("the connection to the relay closed");
                    listener.disconnected(reason);
                }
            }
        }
    }

    private void handle(Frames frames, byte[] frame) {
        EnvelopeHeader header;
        try {
            header = EnvelopeHeader.parse(frame);
        } catch (MalformedFrameException e) {
            listener.warning("malformed frame from the relay ignored: " + e.getMessage());
            return;
        }
        try {
            if (header.type().isPeerToPeer()) {
                handlePeerFrame(header, frame);
            } else {
                handleRelayFrame(frames, header, Envelope.parse(frame).body());
            }
        } catch (MalformedFrameException e) {
            listener.warning("malformed " + header.type() + " from " + origin(header) + " ignored: " + e.getMessage());
        }
    }

    private static String origin(EnvelopeHeader header) {
        return header.sender().isEmpty() ? "the relay" : header.sender();
    }

    private void handleRelayFrame(Frames frames, EnvelopeHeader header, byte[] body) throws MalformedFrameException {
        switch (header.type()) {
            case WELCOME -> {
                if (frames.welcome.isDone()) {
                    listener.warning("a second WELCOME from the relay ignored");
                    return;
                }
                List<String> members = RelayMessages.parseMembers(body);
                listener.joined(settings.room(), members);
                frames.welcome.complete(members);
                for (String member : members) {
                    if (!member.equals(settings.name())) {
                        Peer peer = peers.computeIfAbsent(member, Peer::new);
                        List<ChatPayload> pending = carried.remove(member);
                        if (pending != null) {
                            peer.outbox.addAll(pending);
                        }
                        offline.forEach(peer.outbox::add);
                        initiate(peer);
                    }
                }
                if (!offline.isEmpty() && peers.isEmpty()) {
                    offline.forEach(p -> listener.notDelivered("the room", p.id(), "nobody else is in the room"));
                }
                offline.clear();
                if (!carried.isEmpty()) {
                    awaitReturningPeers(frames);
                }
            }
            case PEER_JOINED -> {
                String name = RelayMessages.parseName(body);
                if (!name.equals(settings.name())) {
                    Peer peer = new Peer(name);
                    Peer previous = peers.put(name, peer);
                    if (previous != null) {
                        previous.forget();
                    }
                    List<ChatPayload> pending = carried.remove(name); // they came back after a relay restart
                    if (pending != null) {
                        peer.outbox.addAll(pending);
                    }
                    listener.peerJoined(name);
                }
            }
            case PEER_LEFT -> {
                String name = RelayMessages.parseName(body);
                Peer peer = peers.remove(name);
                if (peer != null) {
                    peer.forget();
                    reportUndelivered(peer, name + " left before acknowledging it");
                    listener.peerLeft(name);
                }
            }
            case ERROR -> {
                RelayMessages.RelayError error = RelayMessages.parseError(body);
                if (error.fatal() && !frames.welcome.isDone()) {
                    frames.welcome.completeExceptionally(new IOException("the relay refused: " + error.reason()));
                } else {
                    listener.warning("relay: " + error.reason());
                }
            }
            case NOTICE -> listener.notice(RelayMessages.parseText(body));
            case PING -> send(Envelope.fromRelay(FrameType.PONG, "", settings.room(), new byte[0]).encode());
            default -> {
                // PONG and client-only types carry nothing for us.
            }
        }
    }

    private void handlePeerFrame(EnvelopeHeader header, byte[] frame) throws MalformedFrameException {
        String from = header.sender();
        if (from.equals(settings.name()) || !header.recipient().equals(settings.name())) {
            listener.warning(header.type() + " frame from " + (from.isEmpty() ? "nobody" : from) + " to "
                    + header.recipient() + " reflected or misrouted by the relay: rejected");
            return;
        }
        Peer peer = peers.get(from);
        if (peer == null) {
            listener.warning(header.type() + " from '" + from + "', who is not in the room: rejected");
            return;
        }
        byte[] body = Envelope.parse(frame).body();
        switch (header.type()) {
            case HANDSHAKE_INIT -> respond(peer, HandshakeInit.parse(body));
            case HANDSHAKE_RESPONSE -> completeAsInitiator(peer, HandshakeResponse.parse(body));
            case HANDSHAKE_FINISH -> completeAsResponder(peer, HandshakeFinish.parse(body));
            case HANDSHAKE_REJECT -> {
                HandshakeReject reject = HandshakeReject.parse(body);
                if (peer.secured()) {
                    listener.warning("unexpected handshake rejection from " + from + " ignored");
                } else {
                    peer.forget();
                    listener.warning(from + " refused the handshake: " + reject.message());
                }
            }
            case DATA -> receive(peer, header, frame);
            default -> listener.warning("unexpected " + header.type() + " from " + from + " ignored");
        }
    }

    private void initiate(Peer peer) {
        try {
            listener.status("Generating ECDH keys... (" + suite.keyAgreement().id() + ", fresh for the session with "
                    + peer.name + ")");
            Initiator initiator = Initiator.start(context(peer.name));
            peer.initiator = initiator;
            listener.status("Exchanging public keys... (with " + peer.name + ")");
            sendTo(peer, FrameType.HANDSHAKE_INIT, initiator.message().encode());
        } catch (GeneralSecurityException e) {
            listener.warning("cannot start a handshake with " + peer.name + ": " + e.getMessage());
        }
    }

    private void respond(Peer peer, HandshakeInit init) {
        if (peer.secured() || peer.responder != null || peer.initiator != null) {
            listener.warning("unexpected handshake from " + peer.name + " while one is already under way or done: "
                    + "ignored (replayed by the relay?)");
            return;
        }
        try {
            listener.status("Generating ECDH keys... (" + suite.keyAgreement().id() + ", fresh for the session with "
                    + peer.name + ")");
            Responder responder = Responder.accept(context(peer.name), init);
            peer.responder = responder;
            listener.status("Exchanging public keys... (with " + peer.name + ")");
            sendTo(peer, FrameType.HANDSHAKE_RESPONSE, responder.message().encode());
        } catch (HandshakeException e) {
            failHandshake(peer, e);
        } catch (GeneralSecurityException e) {
            failHandshake(peer, new HandshakeException(e.getMessage()));
        }
    }

    private void completeAsInitiator(Peer peer, HandshakeResponse response) {
        Initiator initiator = peer.initiator;
        if (initiator == null) {
            listener.warning("unexpected handshake response from " + peer.name + " ignored (replayed by the relay?)");
            return;
        }
        peer.initiator = null;
        try {
            Initiator.Completed completed = initiator.receive(response);
            sendTo(peer, FrameType.HANDSHAKE_FINISH, completed.finish().encode());
            established(peer, completed.session());
        } catch (HandshakeException e) {
            failHandshake(peer, e);
        } catch (GeneralSecurityException e) {
            failHandshake(peer, new HandshakeException(e.getMessage()));
        }
    }

    private void completeAsResponder(Peer peer, HandshakeFinish finish) {
        Responder responder = peer.responder;
        if (responder == null) {
            listener.warning("unexpected handshake finish from " + peer.name + " ignored (replayed by the relay?)");
            return;
        }
        peer.responder = null;
        try {
            established(peer, responder.finish(finish));
        } catch (HandshakeException e) {
            failHandshake(peer, e);
        } catch (GeneralSecurityException e) {
            failHandshake(peer, new HandshakeException(e.getMessage()));
        }
    }

    private void failHandshake(Peer peer, HandshakeException e) {
        peer.forget();
        if (e.reject() != null) {
            sendTo(peer, FrameType.HANDSHAKE_REJECT, e.reject().encode());
        }
        listener.warning("handshake with " + peer.name + " failed: " + e.getMessage());
    }

    private void established(Peer peer, SecureSession session) {
        peer.session = session;
        try {
            peer.trust = knownPeers.check(peer.name, session.peerIdentityKey());
        } catch (IOException e) {
            listener.warning("cannot save the pinned key of " + peer.name + ": " + e.getMessage());
            peer.trust = KnownPeers.Check.PINNED_NOW;
        }
        listener.secured(peer.name, session.safetyCode(), peer.trust);
        flushOutbox(peer);
    }

    private void flushOutbox(Peer peer) {
        if (peer.blocked()) {
            return;
        }
        // Unacknowledged messages from before a reconnect go again under the new keys; ids let the
        // receiver show each only once.
        List<ChatPayload> pending = new ArrayList<>(peer.unacknowledged.values());
        pending.addAll(peer.outbox);
        peer.outbox.clear();
        for (ChatPayload payload : pending) {
            sealAndSend(peer, payload);
            peer.unacknowledged.put(payload.id(), payload);
        }
    }

    private void receive(Peer peer, EnvelopeHeader header, byte[] frame) {
        if (!peer.secured()) {
            listener.warning("encrypted message from " + peer.name + " before the handshake finished: rejected");
            return;
        }
        Opened opened;
        try {
            opened = peer.session.open(header, frame);
        } catch (ReplayException e) {
            listener.warning("rejected: " + e.getMessage());
            return;
        } catch (AEADBadTagException e) {
            listener.warning("rejected a tampered or forged message from " + peer.name + " (authentication failed)");
            return;
        } catch (GeneralSecurityException e) {
            listener.warning("rejected a message from " + peer.name + ": " + e.getMessage());
            return;
        }
        if (opened.missed() > 0) {
            listener.warning(opened.missed() + " message(s) from " + peer.name
                    + " never arrived (dropped by the relay?)");
        }
        try {
            if (ChatPayload.isAcknowledgement(opened.plaintext())) {
                for (long id : Acknowledgement.parse(opened.plaintext()).ids()) {
                    if (peer.unacknowledged.remove(id) != null) {
                        listener.delivered(peer.name, id);
                    }
                }
                return;
            }
            ChatPayload payload = ChatPayload.parse(opened.plaintext());
            peer.acksDue.add(payload.id()); // sent at the end of this read batch, one for all
            if (peer.acksDue.size() >= Acknowledgement.MAX_IDS) {
                sendAcks(peer);
            }
            if (seen.put(peer.name + "\u0000" + payload.id(), Boolean.TRUE) == null) {
                if (peer.blocked()) {
                    listener.warning("the next message is signed by a NEW identity key for " + peer.name
                            + ": it may not come from " + peer.name + " (/verify " + peer.name + ")");
                }
                listener.message(peer.name, payload.text(), payload.kind() == ChatPayload.Kind.DIRECT);
            }
        } catch (MalformedFrameException e) {
            listener.warning("unreadable message from " + peer.name + ": " + e.getMessage());
        }
    }

    /** Acknowledges, in one encrypted message per peer, everything received in the last read batch. */
    private void sendAcks() {
        for (Peer peer : peers.values()) {
            if (!peer.acksDue.isEmpty()) {
                sendAcks(peer);
            }
        }
    }

    private void sendAcks(Peer peer) {
        Acknowledgement ack = new Acknowledgement(peer.acksDue);
        peer.acksDue.clear();
        if (peer.secured()) {
            try {
                send(peer.session.seal(ack.encode()));
            } catch (GeneralSecurityException e) {
                listener.warning("cannot acknowledge messages from " + peer.name + ": " + e.getMessage());
            }
        }
    }

    /**
     * After a reconnect, members who were in the room may rejoin later than we did: hold their
     * messages for a while, then report the ones nobody came back for.
     */
    private void awaitReturningPeers(Frames frames) {
        long seconds = settings.rejoinGrace().toSeconds();
        reconnector.schedule(() -> {
            synchronized (lock) {
                if (current == frames && !closed) {
                    carried.forEach((name, pending) -> pending.forEach(p -> listener.notDelivered(name, p.id(),
                            name + " did not come back within " + seconds + " s of the reconnect")));
                    carried.clear();
                }
            }
        }, settings.rejoinGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reportCarried(String reason) {
        carried.forEach((name, pending) -> pending.forEach(p -> listener.notDelivered(name, p.id(), reason)));
        carried.clear();
    }

    private void reportUndelivered(Peer peer, String reason) {
        for (ChatPayload payload : peer.unacknowledged.values()) {
            listener.notDelivered(peer.name, payload.id(), reason);
        }
        for (ChatPayload payload : peer.outbox) {
            listener.notDelivered(peer.name, payload.id(), reason);
        }
        peer.unacknowledged.clear();
        peer.outbox.clear();
    }
}
