package dev.blindrelay.cli.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;

/**
 * The one thread that drives every raw pair: it writes each sender's pre-built batches and reads each
 * receiver's frames in place, over non-blocking sockets and one selector. One thread for the whole load
 * means no hand-off between threads per batch and nothing shared to lock; on two cores it leaves the other
 * core to the target, which is what the ratio compares.
 */
final class RawDriver implements AutoCloseable {

    private final List<RawPair> pairs;
    private final Traffic traffic;
    private final Selector selector;
    private final Histogram latency = Latency.newHistogram();
    private final Thread thread;
    private volatile boolean running = true;

    RawDriver(List<RawPair> pairs, Traffic traffic) throws IOException {
        this.pairs = pairs;
        this.traffic = traffic;
        this.selector = Selector.open();
        for (RawPair pair : pairs) {
            pair.register(selector);
        }
        thread = new Thread(this::loop, "raw-load");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Wakes the driver after a pair's limit went up. */
    void wakeUp() {
        selector.wakeup();
    }

    private void loop() {
        try {
            while (running) {
                for (RawPair pair : pairs) {
                    pair.updateInterest();
                }
                selector.select();
                int measuredFrom = traffic.measuredFrom();
                for (SelectionKey key : selector.selectedKeys()) {
                    RawPair.End end = (RawPair.End) key.attachment();
                    end.ready(key, measuredFrom, latency);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            traffic.problem("the raw load stopped: " + e);
        }
    }

    /** Stops the thread, then hands the latencies it recorded to the traffic's figures. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join();
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        traffic.latency().add(latency);
    }
}
