package dev.blindrelay.relay.nats;

import dev.blindrelay.relay.LocalRooms;
import dev.blindrelay.relay.Member;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.MalformedFrameException;
import io.nats.client.Connection;
import io.nats.client.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other relays send to this one alone, on the dispatcher thread: frames for its members, and control
 * messages (a sender to pause or resume, this relay given up, a probe of whether it is alive).
 */
final class RelayInbox {

    private static final Logger LOG = LoggerFactory.getLogger(RelayInbox.class);

    private final LocalRooms local;
    private final RoomViews views;
    private final Backpressure backpressure;
    private final Connection nats;

    RelayInbox(LocalRooms local, RoomViews views, Backpressure backpressure, Connection nats) {
        this.local = local;
        this.views = views;
        this.backpressure = backpressure;
        this.nats = nats;
    }

    /**
     * On this relay's frames subject: a frame for a member here (the link gathers the frames that arrive in a
     * row into one write).
     */
    void frameArrived(Message message) {
        byte[] frame = message.getData();
        try {
            EnvelopeHeader header = EnvelopeHeader.parse(frame);
            Member target = local.deliver(header, frame);
            if (target != null && local.isFull(target)) {
                RoomView view = views.get(header.room());
                RoomView.Remote sender = view == null ? null : view.remote.get(header.sender());
                if (sender != null) {
                    backpressure.hold(target, sender.relay(), header.room(), header.sender());
                }
            }
        } catch (MalformedFrameException e) {
            LOG.warn("dropped a malformed frame from another relay: {}", e.getMessage());
        }
    }

    /** On this relay's control subject. */
    void controlArrived(Message message) {
        Control control;
        try {
            control = Control.decode(message.getData());
        } catch (MalformedFrameException e) {
            LOG.warn("dropped a malformed control message: {}", e.getMessage());
            return;
        }
        switch (control.op()) {
            case Control.PAUSE -> backpressure.paused(control);
            case Control.RESUME -> backpressure.resumed(control);
            case Control.EVICTED -> evicted(control.from());
            case Control.PROBE -> { // answered: this relay is alive
                if (message.getReplyTo() != null) {
                    nats.publish(message.getReplyTo(), new byte[0]);
                }
            }
            default -> LOG.warn("unknown control message {} from relay {}", control.op(), control.from());
        }
    }

    /** The others gave this relay up while it was cut off: its members reconnect and join afresh. */
    private void evicted(String by) {
        LOG.warn("relay {} says the cluster gave this relay up; reconnecting its members", by);
        synchronized (views.lock) {
            for (RoomView view : views.all()) {
                for (Member member : local.members(view.room)) {
                    local.drop(member, "the relay cluster lost this relay for a while; reconnecting");
                }
            }
        }
    }
}
