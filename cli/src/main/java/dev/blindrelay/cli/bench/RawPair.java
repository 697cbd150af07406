package dev.blindrelay.cli.bench;

import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sender and a receiver of pre-built DATA frames: no handshake, no encryption, no acknowledgement,
 * so what limits it is the relay (and the clients' transport). The receiver's arrivals return credits
 * and send the next frames from its transport thread; only a sequence number and a send time are
 * written into a copy of the template per frame.
 */
final class RawPair implements Rounds.Sender {

    /** Frames in flight per pair: 256 KiB at 1 KiB, below the 1 MiB high-water mark of a link. */
    static final int WINDOW = 256;

    final int index;
    final String room;
    final RawEnd sender;
    final RawEnd receiver;
    final ReceiveLog log = new ReceiveLog();
    private final Traffic traffic;
    private final byte[] template;
    private final int bodyOffset;
    private final Window window = new Window(WINDOW);
    private final AtomicInteger sent = new AtomicInteger();

    RawPair(int index, String room, int size, Traffic traffic) {
        this.index = index;
        this.room = room;
        this.traffic = traffic;
        this.sender = new RawEnd("s" + index, traffic, frame -> traffic.problem("s" + index + " got a DATA frame"));
        this.receiver = new RawEnd("r" + index, traffic, this::arrived);
        this.template = new Envelope(FrameType.DATA, sender.name, receiver.name, room, new byte[size]).encode();
        this.bodyOffset = template.length - size;
    }

    int frameLength() {
        return template.length;
    }

    int sent() {
        return sent.get();
    }

    @Override
    public void sendUpTo(int limit) {
        window.limit(limit);
        pump();
    }

    private void pump() {
        for (int seq = window.take(1); seq >= 0; seq = window.take(1)) {
            byte[] frame = template.clone();
            new Stamp(seq, System.nanoTime()).writeTo(frame, bodyOffset);
            sender.send(frame);
            sent.incrementAndGet();
        }
    }

    private void arrived(byte[] frame) {
        Stamp stamp = Stamp.readFrom(frame, bodyOffset);
        traffic.arrived(stamp, log.record(index, stamp.seq()), "of pair " + index);
        window.release(1);
        pump();
    }
}
