package dev.blindrelay.transport.testing;

import dev.blindrelay.spi.RelayHandler;
import dev.blindrelay.spi.RelayLink;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal router for transport tests: echoes every frame to its sender, or forwards between the
 * first two links, with the backpressure rule the real router follows (pause the source while the
 * target is not writable, resume it when the target drains). Records every call it gets.
 */
public final class ForwardingRelayHandler implements RelayHandler {

    public enum Mode { ECHO, PAIR }

    public record Writability(RelayLink link, boolean writable, long queuedBytes) {
    }

    private final Mode mode;
    private volatile boolean pauseOnConnect;

    public final List<RelayLink> links = new CopyOnWriteArrayList<>();
    public final BlockingQueue<RelayLink> connected = new LinkedBlockingQueue<>();
    public final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    public final Map<RelayLink, String> malformed = new ConcurrentHashMap<>();
    public final AtomicInteger malformedCalls = new AtomicInteger();
    public final Map<RelayLink, AtomicInteger> disconnects = new ConcurrentHashMap<>();
    public final BlockingQueue<RelayLink> disconnected = new LinkedBlockingQueue<>();
    public final List<Writability> writability = new CopyOnWriteArrayList<>();
    public final AtomicLong maxQueuedBytes = new AtomicLong();
    public final Set<RelayLink> paused = ConcurrentHashMap.newKeySet();
    private final AtomicInteger views = new AtomicInteger();

    public ForwardingRelayHandler(Mode mode) {
        this.mode = mode;
    }

    /** New links start with reading turned off. */
    public ForwardingRelayHandler pausingOnConnect() {
        this.pauseOnConnect = true;
        return this;
    }

    @Override
    public void connected(RelayLink link) {
        if (pauseOnConnect) {
            link.setReading(false);
        }
        links.add(link);
        connected.add(link);
    }

    @Override
    public void frameReceived(RelayLink link, byte[] frame) {
        received.add(frame);
        RelayLink target = target(link);
        if (target == null) {
            return;
        }
        target.send(frame);
        applyBackpressure(link, target);
    }

    /**
     * A frame that a transport hands on as a view of its read buffer (tcp): every fiftieth is sent on as a copy, the
     * others as the view itself, as the router's short way does, so that both ways of sending meet in one stream.
     */
    @Override
    public void frameReceived(RelayLink link, ByteBuffer frame) {
        byte[] copy = new byte[frame.remaining()];
        frame.get(frame.position(), copy);
        received.add(copy);
        RelayLink target = target(link);
        if (target == null) {
            return;
        }
        if (views.incrementAndGet() % 50 == 0) {
            target.send(copy);
        } else {
            target.send(frame);
        }
        applyBackpressure(link, target);
    }

    private void applyBackpressure(RelayLink link, RelayLink target) {
        maxQueuedBytes.accumulateAndGet(target.queuedBytes(), Math::max);
        if (!target.isWritable() && paused.add(link)) {
            link.setReading(false);
        }
    }

    private RelayLink target(RelayLink source) {
        if (mode == Mode.ECHO) {
            return source;
        }
        if (links.size() < 2) {
            return null;
        }
        return links.get(0) == source ? links.get(1) : links.get(0);
    }

    @Override
    public void malformed(RelayLink link, String reason) {
        malformedCalls.incrementAndGet();
        malformed.put(link, reason);
    }

    @Override
    public void writabilityChanged(RelayLink link) {
        boolean writable = link.isWritable();
        writability.add(new Writability(link, writable, link.queuedBytes()));
        if (writable) {
            for (RelayLink source : links) {
                if (target(source) == link && paused.remove(source)) {
                    source.setReading(true);
                }
            }
        }
    }

    @Override
    public void disconnected(RelayLink link) {
        disconnects.computeIfAbsent(link, l -> new AtomicInteger()).incrementAndGet();
        disconnected.add(link);
    }
}
