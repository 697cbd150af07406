package dev.blindrelay.client;

import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.RelayMessages;

import java.util.List;
import java.util.Map;

/**
 * What the client does with the events of its relay connection, on the transport thread: the relay's
 * own frames change who is in the room, peer-to-peer frames go to their {@link Peer}, and a lost
 * connection keeps what is unacknowledged for the {@link Reconnector}. Everything is treated as hostile:
 * a frame that is malformed, reflected or from a stranger is rejected with a warning, and the chat goes on.
 * Runs under the client's lock; events of a connection that no longer {@link LiveConnection#counts count}
 * are ignored.
 */
final class InboundFrames implements RelayConnection.Events {

    private final Object lock;
    private final LiveConnection live;
    private final Map<String, Peer> peers;
    private final HeldMessages held;
    private final ClientContext context;
    private final ClientSettings settings;
    private final ChatListener listener;
    private final ClientTimer timer;
    private final Reconnector reconnector;
    /** Someone left since this client joined: an empty room is then no longer "not yet" filled. */
    private boolean someoneLeft;

    /** @param peers the client's members by name, changed here as the relay reports joins and leaves */
    InboundFrames(Object lock, LiveConnection live, Map<String, Peer> peers, HeldMessages held, ClientContext context,
                  ClientTimer timer, Reconnector reconnector) {
        this.lock = lock;
        this.live = live;
        this.peers = peers;
        this.held = held;
        this.context = context;
        this.settings = context.settings();
        this.listener = context.listener();
        this.timer = timer;
        this.reconnector = reconnector;
    }

    /** Whether anyone left the room since this client joined. Called with the client's lock held. */
    boolean someoneLeft() {
        return someoneLeft;
    }

    @Override
    public void frameReceived(RelayConnection from, byte[] frame) {
        synchronized (lock) {
            if (live.counts(from)) {
                handle(from, frame);
            }
        }
    }

    @Override
    public void readComplete(RelayConnection from) {
        synchronized (lock) {
            if (live.counts(from)) {
                peers.values().forEach(Peer::sendAcks);
            }
        }
    }

    @Override
    public void closed(RelayConnection from, String reason, boolean wasJoined) {
        synchronized (lock) {
            if (!live.detach(from)) {
                return;
            }
            for (Peer peer : peers.values()) {
                peer.forget();
                held.carry(peer);
            }
            peers.clear();
            // Before the join succeeded, connectAndJoin() reports the failure; nobody was chatting yet.
            if (live.closed() || !wasJoined) {
                return;
            }
            if (settings.reconnect()) {
                listener.disconnected(reason + "; unacknowledged messages will be sent again after reconnecting");
                reconnector.scheduleAttempt();
            } else {
                held.giveUp("the connection to the relay closed");
                listener.disconnected(reason);
            }
        }
    }

    private void handle(RelayConnection connection, byte[] frame) {
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
                handleRelayFrame(connection, header, Envelope.parse(frame).body());
            }
        } catch (MalformedFrameException e) {
            listener.warning("malformed " + header.type() + " from " + origin(header) + " ignored: " + e.getMessage());
        }
    }

    private static String origin(EnvelopeHeader header) {
        return header.sender().isEmpty() ? "the relay" : header.sender();
    }

    private void handleRelayFrame(RelayConnection connection, EnvelopeHeader header, byte[] body) throws MalformedFrameException {
        switch (header.type()) {
            case WELCOME -> welcomed(connection, RelayMessages.parseMembers(body));
            case PEER_JOINED -> {
                String name = RelayMessages.parseName(body);
                if (!name.equals(settings.name())) {
                    Peer peer = new Peer(name, context);
                    Peer previous = peers.put(name, peer);
                    if (previous != null) {
                        previous.forget();
                    }
                    held.handToReturning(peer); // they came back after a relay restart
                    context.prepareResponseShare();
                    listener.peerJoined(name);
                }
            }
            case PEER_LEFT -> {
                String name = RelayMessages.parseName(body);
                Peer peer = peers.remove(name);
                if (peer != null) {
                    someoneLeft = true;
                    peer.forget();
                    peer.reportUndelivered(name + " left before acknowledging it");
                    listener.peerLeft(name);
                }
            }
            case ERROR -> {
                RelayMessages.RelayError error = RelayMessages.parseError(body);
                if (!error.fatal() || !connection.refusedJoin(error.reason())) {
                    listener.warning("relay: " + error.reason());
                }
            }
            case NOTICE -> listener.notice(RelayMessages.parseText(body));
            case PING -> live.send(new Envelope(FrameType.PONG, settings.name(), "", settings.room(), new byte[0]).encode());
            default -> {
                // PONG and client-only types carry nothing for us.
            }
        }
    }

    /** The relay accepted the join: we start a handshake with everyone already there, or, alone, get our answer ready. */
    private void welcomed(RelayConnection connection, List<String> members) {
        if (!connection.welcomed(members)) {
            listener.warning("a second WELCOME from the relay ignored");
            return;
        }
        listener.joined(settings.room(), members);
        boolean alone = true;
        for (String member : members) {
            if (!member.equals(settings.name())) {
                alone = false;
                Peer peer = peers.computeIfAbsent(member, name -> new Peer(name, context));
                held.handToMember(peer);
                peer.initiate();
            }
        }
        if (alone) {
            // The next to join will send us an INIT right after we hear of them: too soon, on P-256, to make the
            // answer's key pair then. With members here, it waits for the next PEER_JOINED (our INITs go first).
            context.prepareResponseShare();
        }
        if (held.welcomeHandled(peers.isEmpty())) {
            awaitReturningPeers(connection);
        }
    }

    /**
     * After a reconnect, members who were in the room may rejoin later than we did: hold their
     * messages for a while, then report the ones nobody came back for.
     */
    private void awaitReturningPeers(RelayConnection connection) {
        timer.later(() -> {
            synchronized (lock) {
                if (live.counts(connection)) {
                    held.giveUpOnAbsent(settings.rejoinGrace().toSeconds());
                }
            }
        }, settings.rejoinGrace());
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
        peer.frameReceived(header, frame);
    }
}
