package dev.blindrelay.testing;

import dev.blindrelay.spi.RelayHandler;
import dev.blindrelay.spi.RelayLink;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A "malicious relay" for tests: wraps a real {@link RelayHandler} (the {@code RelayRouter}) and gives it
 * wrapped links, so every frame the relay sends to a client first passes through an {@link Interceptor}
 * that may drop, tamper with, duplicate, hold back (and later release) or add frames. Works with any
 * transport, since it sits between the transport and the router.
 *
 * <p>Each transport link gets exactly one wrapper for its whole life, so the router's per-link state
 * stays consistent. Interceptor calls are serialized (one at a time across all links), so an interceptor
 * may keep plain state such as held frames; it must not block.
 */
public final class InterceptingHandler implements RelayHandler {

    /** Decides what a client receives instead of {@code frame}. */
    @FunctionalInterface
    public interface Interceptor {
        /**
         * @param toLinkDescription {@link RelayLink#describe()} of the receiving link
         * @param frame             the frame the relay sends (do not modify it; return a copy to tamper)
         * @return the frames to send instead, in order: empty drops it, several duplicate or inject
         */
        List<byte[]> intercept(String toLinkDescription, byte[] frame);
    }

    public static final Interceptor PASS = (to, frame) -> List.of(frame);

    private final RelayHandler delegate;
    private final Map<RelayLink, InterceptedLink> wrappers = new ConcurrentHashMap<>();
    /** Joined members, "name@room", as seen in JOIN frames: lets a test inject towards a member. */
    private final Map<String, InterceptedLink> members = new ConcurrentHashMap<>();
    private final Object interceptLock = new Object();
    private volatile Interceptor interceptor = PASS;

    public InterceptingHandler(RelayHandler delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** Replaces the interceptor; frames already sent are not affected. */
    public void intercept(Interceptor value) {
        interceptor = Objects.requireNonNull(value, "interceptor");
    }

    /** Back to forwarding every frame unchanged. */
    public void passThrough() {
        interceptor = PASS;
    }

    /** Sends {@code frame} to the link {@code toLinkDescription} directly, bypassing the interceptor. */
    public void inject(String toLinkDescription, byte[] frame) {
        for (InterceptedLink link : wrappers.values()) {
            if (link.describe().equals(toLinkDescription)) {
                synchronized (interceptLock) {
                    link.inner.send(frame);
                }
                return;
            }
        }
        throw new IllegalArgumentException("no open link '" + toLinkDescription + "'; open: " + linkDescriptions());
    }

    /** Sends {@code frame} to the member {@code name} of {@code room}, bypassing the interceptor. */
    public void injectToMember(String room, String name, byte[] frame) {
        InterceptedLink link = members.get(name + "@" + room);
        if (link == null) {
            throw new IllegalArgumentException("no member '" + name + "' in room '" + room + "' has sent a JOIN");
        }
        synchronized (interceptLock) {
            link.inner.send(frame);
        }
    }

    /** The description of the link that joined as {@code name} in {@code room}. */
    public String linkOf(String room, String name) {
        InterceptedLink link = members.get(name + "@" + room);
        if (link == null) {
            throw new IllegalArgumentException("no member '" + name + "' in room '" + room + "' has sent a JOIN");
        }
        return link.describe();
    }

    public List<String> linkDescriptions() {
        return wrappers.values().stream().map(InterceptedLink::describe).sorted().toList();
    }

    private InterceptedLink wrap(RelayLink link) {
        return wrappers.computeIfAbsent(link, InterceptedLink::new);
    }

    @Override
    public void connected(RelayLink link) {
        delegate.connected(wrap(link));
    }

    @Override
    public void frameReceived(RelayLink link, byte[] frame) {
        InterceptedLink wrapper = wrap(link);
        noteJoin(wrapper, frame);
        delegate.frameReceived(wrapper, frame);
    }

    private void noteJoin(InterceptedLink wrapper, byte[] frame) {
        try {
            EnvelopeHeader header = EnvelopeHeader.parse(frame);
            if (header.type() == FrameType.JOIN) {
                // The first JOIN for a name wins, as in the router: a refused duplicate must not take over.
                members.putIfAbsent(header.sender() + "@" + header.room(), wrapper);
            }
        } catch (MalformedFrameException e) {
            // the router refuses it; nothing to note
        }
    }

    @Override
    public void malformed(RelayLink link, String reason) {
        delegate.malformed(wrap(link), reason);
    }

    @Override
    public void writabilityChanged(RelayLink link) {
        delegate.writabilityChanged(wrap(link));
    }

    @Override
    public void disconnected(RelayLink link) {
        InterceptedLink wrapper = wrap(link);
        try {
            delegate.disconnected(wrapper);
        } finally {
            wrappers.remove(link, wrapper);
            members.values().removeIf(member -> member == wrapper);
        }
    }

    /** The router's view of one link: sends pass through the interceptor, all else goes straight through. */
    private final class InterceptedLink implements RelayLink {
        private final RelayLink inner;

        InterceptedLink(RelayLink inner) {
            this.inner = inner;
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public void send(byte[] frame) {
            synchronized (interceptLock) {
                for (byte[] out : interceptor.intercept(inner.describe(), frame)) {
                    inner.send(out);
                }
            }
        }

        @Override
        public boolean isWritable() {
            return inner.isWritable();
        }

        @Override
        public long queuedBytes() {
            return inner.queuedBytes();
        }

        @Override
        public void setReading(boolean reading) {
            inner.setReading(reading);
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public void abort() {
            inner.abort();
        }

        @Override
        public String toString() {
            return "intercepted " + inner;
        }
    }
}
