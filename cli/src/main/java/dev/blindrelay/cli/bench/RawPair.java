package dev.blindrelay.cli.bench;

import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sender streaming pre-built DATA frames to one receiver: no handshake, no encryption, no
 * acknowledgement, so what limits it is the target. A window of credits bounds the frames in flight
 * (the receiver returns them), which keeps the latency figures about the target rather than about
 * queues; the sender writes whatever the credits allow as one batch and flushes once.
 */
final class RawPair implements Rounds.Sender {

    /** Frames in flight per pair: 256 KiB at 1 KiB, below the relay's 1 MiB high-water mark per link. */
    static final int WINDOW = 256;
    /** The receiver returns credits in groups, or when its input runs dry. */
    private static final int CREDIT_BATCH = 32;

    final int index;
    final ReceiveLog log = new ReceiveLog();
    private final String room;
    private final String senderName;
    private final String receiverName;
    private final Traffic traffic;
    /** The whole frame on the wire, length prefix included; only the stamp changes between frames. */
    private final byte[] wire;
    private final int stampOffset;
    private final Semaphore credits = new Semaphore(WINDOW);
    private final AtomicInteger sent = new AtomicInteger();
    private volatile int limit;
    private volatile boolean closing;
    private FrameSocket sender;
    private FrameSocket receiver;

    RawPair(int index, String room, int size, Traffic traffic) {
        this.index = index;
        this.room = room;
        this.senderName = "s" + index;
        this.receiverName = "r" + index;
        this.traffic = traffic;
        byte[] frame = new Envelope(FrameType.DATA, senderName, receiverName, room, new byte[size]).encode();
        this.wire = new byte[4 + frame.length];
        wire[0] = (byte) (frame.length >>> 24);
        wire[1] = (byte) (frame.length >>> 16);
        wire[2] = (byte) (frame.length >>> 8);
        wire[3] = (byte) frame.length;
        System.arraycopy(frame, 0, wire, 4, frame.length);
        this.stampOffset = wire.length - size;
    }

    int wireLength() {
        return wire.length;
    }

    int sent() {
        return sent.get();
    }

    /** Connects the sender, then the receiver (the forwarder pairs them in that order). */
    void connect(InetSocketAddress senderRelay, InetSocketAddress receiverRelay) throws IOException {
        sender = new FrameSocket(senderRelay);
        receiver = new FrameSocket(receiverRelay);
    }

    /** Both ends join the pair's room through the relay's router. */
    void join() throws IOException {
        sender.join(senderName, room);
        receiver.join(receiverName, room);
    }

    void start() {
        daemon("raw-send-" + index, this::sendLoop);
        daemon("raw-receive-" + index, this::receiveLoop);
        daemon("raw-sender-input-" + index, this::senderInputLoop);
    }

    @Override
    public void sendUpTo(int newLimit) {
        synchronized (this) {
            limit = newLimit;
            notifyAll();
        }
    }

    private void sendLoop() {
        int next = 0;
        try {
            while (!closing) {
                synchronized (this) {
                    while (next >= limit && !closing) {
                        wait();
                    }
                }
                credits.acquire();
                int taken = 1 + credits.drainPermits();
                int batch = Math.min(taken, limit - next);
                credits.release(taken - batch);
                for (int i = 0; i < batch; i++) {
                    new Stamp(next++, System.nanoTime()).writeTo(wire, stampOffset);
                    sender.out.write(wire);
                }
                sender.out.flush();
                sent.addAndGet(batch);
            }
        } catch (IOException e) {
            ended("sender " + senderName, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void receiveLoop() {
        int owed = 0;
        try {
            while (true) {
                byte[] frame = receiver.readFrame();
                if (frame[1] != (byte) FrameType.DATA.code()) {
                    report(receiverName, frame);
                    continue;
                }
                Stamp stamp = Stamp.readFrom(frame, stampOffset - 4);
                traffic.arrived(stamp, log.record(index, stamp.seq()), "of pair " + index);
                if (++owed >= CREDIT_BATCH || receiver.in.available() == 0) {
                    credits.release(owed);
                    owed = 0;
                }
            }
        } catch (IOException e) {
            ended("receiver " + receiverName, e);
        }
    }

    /** The sender reads too: the relay tells it about its room, and about errors. */
    private void senderInputLoop() {
        try {
            while (true) {
                report(senderName, sender.readFrame());
            }
        } catch (IOException e) {
            ended("sender " + senderName, e);
        }
    }

    private void report(String who, byte[] frame) {
        String problem = FrameSocket.problemIn(frame);
        if (problem != null) {
            traffic.problem(who + ": " + problem);
        }
    }

    private void ended(String who, IOException e) {
        if (!closing) {
            traffic.problem(who + " lost its connection: " + (e instanceof EOFException ? "closed by the target"
                    : e instanceof SocketException ? e.getMessage() : e.toString()));
        }
    }

    void close() {
        closing = true;
        synchronized (this) {
            notifyAll();
        }
        if (sender != null) {
            sender.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
