package dev.blindrelay.testing;

import dev.blindrelay.client.ChatListener;
import dev.blindrelay.client.HandshakeStage;
import dev.blindrelay.identity.KnownPeers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link ChatListener} that records every callback, thread-safely, and lets a test wait for one:
 * {@code awaitSecured("bob")}, {@code awaitMessage("alice", "hi")}, {@code awaitWarningContaining("replayed")}.
 * Waiting re-checks the recorded events whenever a new one arrives, up to a timeout; a timeout fails
 * with everything recorded so far, so a failing test shows what did happen. No sleeping.
 */
public final class RecordingListener implements ChatListener {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public record Joined(String room, List<String> members) {
    }

    public record Secured(String peer, String suiteId, String safetyCode, KnownPeers.Check trust) {
    }

    public record Step(String peer, HandshakeStage stage) {
    }

    public record Message(String from, String text, boolean direct) {
    }

    public record Delivered(String peer, long id) {
    }

    public record NotDelivered(String peer, long id, String reason) {
    }

    private final String name;
    private final List<String> log = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private final List<Joined> joined = new ArrayList<>();
    private final List<String> peersJoined = new ArrayList<>();
    private final List<String> peersLeft = new ArrayList<>();
    private final List<Step> handshakeSteps = new ArrayList<>();
    private final List<Secured> secured = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final List<Delivered> delivered = new ArrayList<>();
    private final List<NotDelivered> notDelivered = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final List<String> disconnected = new ArrayList<>();

    public RecordingListener() {
        this("client");
    }

    /** @param name shown in timeout messages, e.g. the client's name */
    public RecordingListener(String name) {
        this.name = name;
    }

    // ---- ChatListener ----

    @Override
    public synchronized void status(String line) {
        record(statuses, line, "status: " + line);
    }

    @Override
    public synchronized void joined(String room, List<String> members) {
        record(joined, new Joined(room, List.copyOf(members)), "joined " + room + " with " + members);
    }

    @Override
    public synchronized void peerJoined(String peer) {
        record(peersJoined, peer, "peer joined: " + peer);
    }

    @Override
    public synchronized void peerLeft(String peer) {
        record(peersLeft, peer, "peer left: " + peer);
    }

    @Override
    public synchronized void handshakeStep(String peer, HandshakeStage stage) {
        record(handshakeSteps, new Step(peer, stage), "handshake with " + peer + ": " + stage);
    }

    @Override
    public synchronized void secured(String peer, String suiteId, String safetyCode, KnownPeers.Check trust) {
        record(secured, new Secured(peer, suiteId, safetyCode, trust), "secured with " + peer + " on " + suiteId
                + " code " + safetyCode + " " + trust);
    }

    @Override
    public synchronized void message(String from, String text, boolean direct) {
        record(messages, new Message(from, text, direct), (direct ? "direct message from " : "message from ")
                + from + ": " + text);
    }

    @Override
    public synchronized void delivered(String peer, long id) {
        record(delivered, new Delivered(peer, id), "delivered to " + peer + ": #" + id);
    }

    @Override
    public synchronized void notDelivered(String peer, long id, String reason) {
        record(notDelivered, new NotDelivered(peer, id, reason), "not delivered to " + peer + ": #" + id + " " + reason);
    }

    @Override
    public synchronized void warning(String line) {
        record(warnings, line, "warning: " + line);
    }

    @Override
    public synchronized void notice(String text) {
        record(notices, text, "notice: " + text);
    }

    @Override
    public synchronized void disconnected(String reason) {
        record(disconnected, reason, "disconnected: " + reason);
    }

    private <T> void record(List<T> list, T value, String line) {
        list.add(value);
        log.add(line);
        notifyAll();
    }

    // ---- snapshots ----

    /** Every callback so far, one readable line each, in order. */
    public synchronized List<String> events() {
        return List.copyOf(log);
    }

    public synchronized List<String> statuses() {
        return List.copyOf(statuses);
    }

    public synchronized List<Joined> joins() {
        return List.copyOf(joined);
    }

    public synchronized List<String> peersJoined() {
        return List.copyOf(peersJoined);
    }

    public synchronized List<String> peersLeft() {
        return List.copyOf(peersLeft);
    }

    /** The handshake messages sent and received, with whom, in order. */
    public synchronized List<Step> handshakeSteps() {
        return List.copyOf(handshakeSteps);
    }

    public synchronized List<Secured> secured() {
        return List.copyOf(secured);
    }

    public synchronized List<Secured> securedWith(String peer) {
        return secured.stream().filter(s -> s.peer().equals(peer)).toList();
    }

    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    public synchronized List<String> textsFrom(String from) {
        return messages.stream().filter(m -> m.from().equals(from)).map(Message::text).toList();
    }

    public synchronized List<Delivered> deliveries() {
        return List.copyOf(delivered);
    }

    public synchronized List<NotDelivered> failedDeliveries() {
        return List.copyOf(notDelivered);
    }

    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    public synchronized List<String> notices() {
        return List.copyOf(notices);
    }

    public synchronized List<String> disconnects() {
        return List.copyOf(disconnected);
    }

    // ---- waiting ----

    public Secured awaitSecured(String peer) {
        return awaitSecured(peer, DEFAULT_TIMEOUT);
    }

    /** The first session secured with {@code peer}. */
    public Secured awaitSecured(String peer, Duration timeout) {
        return awaitSecured(peer, 1, timeout);
    }

    /** The {@code nth} (from 1) session secured with {@code peer}: a rejoin makes a new one. */
    public Secured awaitSecured(String peer, int nth, Duration timeout) {
        return await(timeout, "session #" + nth + " secured with " + peer, () -> {
            List<Secured> with = secured.stream().filter(s -> s.peer().equals(peer)).toList();
            return with.size() >= nth ? Optional.of(with.get(nth - 1)) : Optional.empty();
        });
    }

    public Message awaitMessage(String from, String text) {
        return awaitMessage(from, text, DEFAULT_TIMEOUT);
    }

    public Message awaitMessage(String from, String text, Duration timeout) {
        return await(timeout, "message '" + text + "' from " + from, () -> messages.stream()
                .filter(m -> m.from().equals(from) && m.text().equals(text)).findFirst());
    }

    public String awaitWarningContaining(String text) {
        return awaitWarningContaining(text, DEFAULT_TIMEOUT);
    }

    public String awaitWarningContaining(String text, Duration timeout) {
        return await(timeout, "a warning containing '" + text + "'", () -> warnings.stream()
                .filter(w -> w.contains(text)).findFirst());
    }

    public Delivered awaitDelivered(String peer, long id) {
        return await(DEFAULT_TIMEOUT, "delivery of #" + id + " to " + peer, () -> delivered.stream()
                .filter(d -> d.peer().equals(peer) && d.id() == id).findFirst());
    }

    public NotDelivered awaitNotDelivered(String peer, String reasonContaining) {
        return await(DEFAULT_TIMEOUT, "a failed delivery to " + peer + " because of '" + reasonContaining + "'",
                () -> notDelivered.stream()
                        .filter(d -> d.peer().equals(peer) && d.reason().contains(reasonContaining)).findFirst());
    }

    public Joined awaitJoined() {
        return await(DEFAULT_TIMEOUT, "the relay's welcome", () -> joined.stream().findFirst());
    }

    public String awaitPeerJoined(String peer) {
        return await(DEFAULT_TIMEOUT, peer + " joining", () -> peersJoined.stream().filter(peer::equals).findFirst());
    }

    public String awaitPeerLeft(String peer) {
        return await(DEFAULT_TIMEOUT, peer + " leaving", () -> peersLeft.stream().filter(peer::equals).findFirst());
    }

    public String awaitNotice(String containing) {
        return await(DEFAULT_TIMEOUT, "a notice containing '" + containing + "'", () -> notices.stream()
                .filter(n -> n.contains(containing)).findFirst());
    }

    public String awaitDisconnected() {
        return await(DEFAULT_TIMEOUT, "a disconnect", () -> disconnected.stream().findFirst());
    }

    /**
     * Waits until {@code probe} (run while holding this listener's lock) finds something.
     *
     * @throws AssertionError on timeout, listing every event recorded
     */
    public synchronized <T> T await(Duration timeout, String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + " did not see " + what + " within " + timeout + "; it saw:\n  "
                        + String.join("\n  ", log));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    @Override
    public String toString() {
        return "RecordingListener[" + name + "]";
    }
}
