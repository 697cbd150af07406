package dev.blindrelay.cli.bench;

import dev.blindrelay.client.ChatClient;
import dev.blindrelay.client.ChatListener;
import dev.blindrelay.client.HandshakeStage;
import dev.blindrelay.identity.KnownPeers;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One benchmark chat user: the listener of its {@link ChatClient}, and the sender that keeps a fixed
 * window of deliveries in flight. A message costs one credit per recipient; each acknowledgement
 * ({@link ChatListener#delivered}) returns one and sends the next message from the transport thread,
 * so the load is closed-loop and never queues without bound.
 */
final class BenchClient implements ChatListener, Rounds.Sender {

    /**
     * Deliveries a sender has outstanding (a message to a room of k costs k - 1), but always room for
     * one message. Counted in deliveries so that a big room does not multiply the queues, and with them
     * the latency, by its size. As many as a raw pair keeps in flight, so that chat and raw compare under the same
     * window: with 32, a round trip of 300 us alone capped a sender at about 100 k messages a second.
     */
    static final int WINDOW = RawPair.WINDOW;

    final int index;
    final String name;
    final ReceiveLog log = new ReceiveLog();
    private final String padding;
    private final HandshakeClock clock;
    private final Traffic traffic;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicInteger sent = new AtomicInteger();
    private Window window;
    private ChatClient client;
    private int recipients;

    BenchClient(int index, int size, HandshakeClock clock, Traffic traffic) {
        this.index = index;
        this.name = nameOf(index);
        this.padding = Stamp.padding(size);
        this.clock = clock;
        this.traffic = traffic;
    }

    static String nameOf(int index) {
        return "c" + index;
    }

    /**
     * Called once, before {@link ChatClient#start()}.
     *
     * @param sends false for a member that only receives (and acknowledges): it has no recipients
     */
    void attach(ChatClient chatClient, int roomMembers, boolean sends) {
        this.client = chatClient;
        this.recipients = sends ? roomMembers - 1 : 0;
        this.window = new Window(Math.max(WINDOW, recipients));
    }

    ChatClient client() {
        return client;
    }

    int recipients() {
        return recipients;
    }

    int sent() {
        return sent.get();
    }

    long acknowledged() {
        return acknowledged.get();
    }

    /** Lets the sequence numbers below {@code newLimit} go out, as the window allows. */
    @Override
    public void sendUpTo(int newLimit) {
        window.limit(newLimit);
        pump();
    }

    /** Sends while credits last; runs on the benchmark thread and on transport threads. */
    private void pump() {
        if (recipients == 0) {
            return;
        }
        for (int seq = window.take(recipients); seq >= 0; seq = window.take(recipients)) {
            if (client.send(new Stamp(seq, System.nanoTime()).toText(padding)).isPresent()) {
                sent.incrementAndGet();
            } else {
                traffic.problem(name + " could not send message " + seq);
            }
        }
    }

    // ---- ChatListener, on transport threads ----

    @Override
    public void joined(String room, List<String> members) {
        members.forEach(member -> clock.started(name, member));
    }

    @Override
    public void handshakeStep(String peer, HandshakeStage stage) {
        clock.step(name, peer, stage);
    }

    @Override
    public void secured(String peer, String suiteId, String safetyCode, KnownPeers.Check trust) {
        clock.secured(name, peer);
    }

    @Override
    public void message(String from, String text, boolean direct) {
        Stamp stamp = Stamp.parse(text);
        if (stamp == null || !from.startsWith("c")) {
            traffic.problem(name + " got an unexpected message from " + from);
            return;
        }
        // Per message: no substring, and the words for a duplicate only when there is one.
        traffic.arrived(stamp, log.record(Integer.parseInt(from, 1, from.length(), 10), stamp.seq()), from, name);
    }

    @Override
    public void delivered(String peer, long id) {
        acknowledged.incrementAndGet();
        window.release(1);
        pump();
    }

    @Override
    public void notDelivered(String peer, long id, String reason) {
        traffic.problem(name + ": message to " + peer + " not delivered: " + reason);
    }

    @Override
    public void warning(String line) {
        traffic.problem(name + ": " + line);
    }

    @Override
    public void disconnected(String reason) {
        traffic.problem(name + " disconnected: " + reason);
    }
}
