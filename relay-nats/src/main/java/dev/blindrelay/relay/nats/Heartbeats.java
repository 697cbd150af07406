package dev.blindrelay.relay.nats;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which relays of the cluster are alive. Every relay publishes its id on {@link Subjects#HEARTBEAT} once per
 * interval and "bye:" + id when it stops; one not heard from for the dead-after time is gone. A relay that
 * speaks again after the others gave it up is told so (EVICTED), so that it sends its members to join afresh.
 */
final class Heartbeats {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);
    private static final String BYE = "bye:";

    /** Told on the timer or dispatcher thread. */
    interface Listener {
        void relayGone(String relay);

        void relayHeard(String relay);
    }

    private final String self;
    private final Connection nats;
    private final Liveness liveness;
    private final Listener listener;
    /** Relays this one gave up for dead. */
    private final Set<String> givenUp = ConcurrentHashMap.newKeySet();

    Heartbeats(String self, Connection nats, Liveness liveness, Listener listener) {
        this.self = self;
        this.nats = nats;
        this.liveness = liveness;
        this.listener = listener;
    }

    void start(Dispatcher dispatcher, ScheduledExecutorService timer, Duration interval) {
        dispatcher.subscribe(Subjects.HEARTBEAT, this::arrived);
        long beat = interval.toMillis();
        timer.scheduleAtFixedRate(() -> publish(self), 0, beat, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::sweep, beat / 4, beat / 4, TimeUnit.MILLISECONDS);
    }

    private void arrived(Message message) {
        String relay = new String(message.getData(), StandardCharsets.US_ASCII);
        if (relay.startsWith(BYE)) {
            gone(relay.substring(BYE.length()));
        } else if (liveness.heard(relay, System.nanoTime())) {
            if (givenUp.remove(relay)) {
                // It was silent long enough for us to remove its members; they must join again.
                nats.publish(Subjects.control(relay), new Control(Control.EVICTED, self, "", "").encode());
            }
            listener.relayHeard(relay);
        }
    }

    private void sweep() {
        for (String relay : liveness.sweep(System.nanoTime())) {
            LOG.info("relay {} fell silent; its members leave their rooms", relay);
            givenUp.add(relay);
            listener.relayGone(relay);
        }
    }

    void gone(String relay) {
        if (liveness.gone(relay)) {
            givenUp.add(relay);
            listener.relayGone(relay);
        }
    }

    /**
     * Asks a relay whether it is still there. A killed relay's subscriptions vanish with its connection, so
     * NATS answers "no responders" at once: a client moving off a dead relay gets its name back without
     * waiting for the heartbeats to fall silent. Blocks up to half a second.
     *
     * @return true when the relay is gone (and now known to be)
     */
    boolean probedGone(String relay) {
        try {
            nats.request(Subjects.control(relay), new Control(Control.PROBE, self, "", "").encode())
                    .get(500, TimeUnit.MILLISECONDS);
            return false;
        } catch (ExecutionException | CancellationException e) {
            gone(relay);
            return true;
        } catch (TimeoutException e) {
            return false; // busy, perhaps: the heartbeats decide
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A clean stop: the others drop this relay's members at once. */
    void bye() {
        publish(BYE + self);
        try {
            nats.flush(Duration.ofSeconds(1));
        } catch (TimeoutException | InterruptedException | IllegalStateException e) {
            LOG.debug("goodbye not flushed: {}", e.getMessage());
        }
    }

    private void publish(String text) {
        try {
            nats.publish(Subjects.HEARTBEAT, text.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalStateException e) {
            LOG.debug("heartbeat not sent: {}", e.getMessage());
        }
    }
}
