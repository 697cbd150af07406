package dev.blindrelay.transport.netty;

import dev.blindrelay.spi.ClientConnection;
import io.netty.channel.Channel;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client's connection to a relay. Safe to use from any thread, and frames reach the wire in the
 * order {@link #send} was called, whichever threads called it.
 *
 * <p>That order is not what {@code channel.writeAndFlush} gives: called on the event loop it writes at
 * once, called elsewhere it queues a task, so a frame sent from the transport thread (a chat client's
 * acknowledgement) overtook frames another thread had sent just before (the user's messages). Their
 * session counters then arrived out of order and the receiver rightly rejected them as replays. So
 * every frame goes through one queue, drained on the event loop, with one flush per batch. A frame sent on
 * the event loop itself is written at once (after those queued before it): a handshake reply used to wait
 * for the end of the whole read batch, and for everything its handler did after sending it.
 */
final class ChannelClientConnection implements ClientConnection {

    private final Channel channel;
    private final int maxFrameLength;
    private final ClientChannelHandler handler;
    private final Queue<byte[]> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    ChannelClientConnection(Channel channel, int maxFrameLength, ClientChannelHandler handler) {
        this.channel = channel;
        this.maxFrameLength = maxFrameLength;
        this.handler = handler;
    }

    /**
     * Queues the frame behind every frame sent before it; frames queued in one burst are flushed together.
     *
     * @throws IllegalArgumentException when the frame is empty or over the maximum frame length
     */
    @Override
    public void send(byte[] frame) {
        if (frame.length == 0 || frame.length > maxFrameLength) {
            throw new IllegalArgumentException("a frame must have 1 to " + maxFrameLength + " bytes, got "
                    + frame.length);
        }
        outbox.add(frame);
        if (channel.eventLoop().inEventLoop()) {
            drain();
        } else if (drainScheduled.compareAndSet(false, true)) {
            onEventLoop(this::drain);
        }
    }

    /** Runs {@code task} on the channel's event loop, after what is queued there; nothing once it stopped. */
    private void onEventLoop(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            // The connector is shut down and the connection with it: like a write to a closed channel, dropped.
        }
    }

    @Override
    public boolean schedule(Runnable task, Duration delay) {
        try {
            channel.eventLoop().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The connector is shut down and the connection with it: nothing is left to time out.
        }
        return true;
    }

    /** On the event loop: writes every queued frame in order, then flushes once. */
    private void drain() {
        drainScheduled.set(false); // first, so that a frame queued while draining schedules another drain
        boolean wrote = false;
        for (byte[] frame = outbox.poll(); frame != null; frame = outbox.poll()) {
            channel.write(frame, channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    /** Closes after the frames sent before, in the same queue, so none of them is dropped. */
    @Override
    public void close() {
        handler.closing("closed by this client");
        onEventLoop(() -> {
            drain();
            Channels.flushAndClose(channel);
        });
    }

    Channel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "connection to " + Channels.format(channel.remoteAddress());
    }
}
