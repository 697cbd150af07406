package dev.blindrelay.transport.testing;

import dev.blindrelay.spi.FrameListener;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Collects what a client connection delivers. */
public class RecordingListener implements FrameListener {

    public final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    public final CompletableFuture<String> closed = new CompletableFuture<>();
    public final AtomicInteger closedCalls = new AtomicInteger();
    /** Frames delivered before the latest readComplete(): every frame must be followed by one. */
    public final AtomicInteger framesBeforeReadComplete = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();

    @Override
    public void frameReceived(byte[] frame) {
        delivered.incrementAndGet();
        frames.add(frame);
    }

    @Override
    public void readComplete() {
        framesBeforeReadComplete.set(delivered.get());
    }

    @Override
    public void closed(String reason) {
        closedCalls.incrementAndGet();
        closed.complete(reason);
    }

    /** The next frame, failing the test when none comes within 10 seconds. */
    public byte[] next() throws InterruptedException {
        byte[] frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 10 s");
        }
        return frame;
    }

    public String awaitClosed() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }
}
