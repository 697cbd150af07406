package dev.blindrelay.relay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Backpressure on this relay: a sender whose target's outbound queue is above its high-water mark is not read
 * from until the target drains, so a fast sender cannot fill the relay's memory. A target whose queue still
 * grows past the hard limit, or that reads nothing for the stall timeout, is cut off instead, so that the
 * senders it holds up go on.
 */
final class FlowControl {

    private static final Logger LOG = LoggerFactory.getLogger(FlowControl.class);

    private final RelayLimits limits;
    private final RelayObserver observer;
    private final ScheduledExecutorService timer;

    FlowControl(RelayLimits limits, RelayObserver observer, ScheduledExecutorService timer) {
        this.limits = limits;
        this.observer = observer;
        this.timer = timer;
    }

    /** {@code target}'s queue is above its high-water mark: stop reading from {@code source} until it drains. */
    void pause(Member source, Member target) {
        if (target.link.queuedBytes() > limits.maxQueuedBytes()) {
            cutOff(target, "too slow: more than " + limits.maxQueuedBytes() + " bytes queued; disconnected");
            return;
        }
        target.pausedSenders.add(source);
        source.link.setReading(false);
        if (target.link.isWritable() && target.pausedSenders.remove(source)) {
            source.link.setReading(true); // it drained between the check and the pause
        } else {
            watchForStall(target);
        }
    }

    /**
     * After a delivery from another relay, whose sender cannot be paused from here: true when {@code target}'s
     * queue is above the high-water mark. One past the hard limit is cut off; one that stops reading is watched.
     */
    boolean isFull(Member target) {
        if (target.closing || target.link.isWritable()) {
            return false;
        }
        if (target.link.queuedBytes() > limits.maxQueuedBytes()) {
            cutOff(target, "too slow: more than " + limits.maxQueuedBytes() + " bytes queued; disconnected");
            return false;
        }
        watchForStall(target);
        return true;
    }

    /**
     * Without this, a client that stopped reading held its senders paused for ever: its queue stays at
     * the high-water mark (the pause keeps it from growing towards the hard limit), so nothing else
     * would ever disconnect it.
     */
    private void watchForStall(Member target) {
        if (target.stallWatched.compareAndSet(false, true)) {
            scheduleStallCheck(target, target.drains, target.link.queuedBytes());
        }
    }

    private void scheduleStallCheck(Member target, long drainsBefore, long queuedBefore) {
        timer.schedule(() -> checkStall(target, drainsBefore, queuedBefore), limits.stallTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** On the timer: cuts the target off when its full queue has not moved since the last check. */
    private void checkStall(Member target, long drainsBefore, long queuedBefore) {
        if (target.closing) {
            return;
        }
        if (target.link.isWritable()) {
            target.stallWatched.set(false);
            if (!target.link.isWritable() && !target.pausedSenders.isEmpty()) {
                watchForStall(target); // it filled up again between the two checks
            }
            return;
        }
        long queued = target.link.queuedBytes();
        if (target.drains != drainsBefore || queued < queuedBefore) {
            scheduleStallCheck(target, target.drains, queued); // slow, but reading
            return;
        }
        cutOff(target, "too slow: read nothing for " + limits.stallTimeout().toMillis() / 1000.0 + " s with "
                + queued + " bytes queued; disconnected");
    }

    /** Drops what is queued for a client that does not read (a reason could not reach it) and closes it. */
    private void cutOff(Member target, String reason) {
        target.closing = true;
        observer.refused(target.link.describe(), reason);
        LOG.debug("cutting off {}: {}", target, reason);
        target.link.abort();
    }
}
