package dev.blindrelay.testing;

import dev.blindrelay.spi.RelayLink;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RelayLink} test double for driving a {@code RelayRouter} directly: it records every frame the
 * router sends (raw and parsed), whether the link was closed or aborted, and every {@link #setReading}
 * call. Writability and the queued byte count are set by the test. Thread-safe: the router's timer
 * thread may close a link while the test thread reads it. Identity is the object itself, as for a
 * real link.
 */
public final class RecordingLink implements RelayLink {

    private final String description;
    private final List<byte[]> frames = new ArrayList<>();
    private final List<Boolean> readingCalls = new ArrayList<>();
    private int framesAfterClose;
    private boolean writable = true;
    private long queuedBytes;
    private boolean reading = true;
    private int closeCalls;
    private int abortCalls;

    public RecordingLink(String description) {
        this.description = description;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public synchronized void send(byte[] frame) {
        if (closeCalls > 0 || abortCalls > 0) {
            framesAfterClose++;
        }
        frames.add(frame);
        notifyAll();
    }

    @Override
    public synchronized boolean isWritable() {
        return writable;
    }

    @Override
    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    @Override
    public synchronized void setReading(boolean value) {
        reading = value;
        readingCalls.add(value);
        notifyAll();
    }

    @Override
    public synchronized void close() {
        closeCalls++;
        notifyAll();
    }

    @Override
    public synchronized void abort() {
        abortCalls++;
        notifyAll();
    }

    // ---- controls ----

    public synchronized RecordingLink writable(boolean value) {
        writable = value;
        return this;
    }

    public synchronized RecordingLink queuedBytes(long value) {
        queuedBytes = value;
        return this;
    }

    /** Forgets the frames recorded so far (not the closed or reading state). */
    public synchronized void clear() {
        frames.clear();
    }

    // ---- what happened ----

    /** The frames sent, in order, as the exact arrays the router passed. */
    public synchronized List<byte[]> frames() {
        return List.copyOf(frames);
    }

    /** The frames sent, parsed; a frame that does not parse fails the test. */
    public List<Envelope> envelopes() {
        List<Envelope> parsed = new ArrayList<>();
        for (byte[] frame : frames()) {
            parsed.add(parse(frame));
        }
        return parsed;
    }

    public List<Envelope> ofType(FrameType type) {
        return envelopes().stream().filter(e -> e.type() == type).toList();
    }

    public List<FrameType> types() {
        return envelopes().stream().map(Envelope::type).toList();
    }

    /** The last frame sent, parsed; fails when nothing was sent. */
    public Envelope last() {
        List<byte[]> all = frames();
        if (all.isEmpty()) {
            throw new AssertionError(description + " was sent no frames");
        }
        return parse(all.get(all.size() - 1));
    }

    public synchronized boolean isClosed() {
        return closeCalls > 0;
    }

    public synchronized boolean isAborted() {
        return abortCalls > 0;
    }

    public synchronized boolean isReading() {
        return reading;
    }

    /** Every {@link #setReading} call, in order. */
    public synchronized List<Boolean> readingCalls() {
        return List.copyOf(readingCalls);
    }

    /** Frames the router sent after it had closed or aborted this link (it should send none). */
    public synchronized int framesAfterClose() {
        return framesAfterClose;
    }

    /** Waits until the router closes or aborts this link. */
    public synchronized void awaitClosed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (closeCalls == 0 && abortCalls == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(description + " was not closed within " + timeout + "; frames: " + typesLocked());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private List<String> typesLocked() {
        List<String> out = new ArrayList<>();
        for (byte[] frame : frames) {
            out.add(parse(frame).type().toString());
        }
        return out;
    }

    private Envelope parse(byte[] frame) {
        try {
            return Envelope.parse(frame);
        } catch (MalformedFrameException e) {
            throw new AssertionError("the router sent " + description + " a malformed frame: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
