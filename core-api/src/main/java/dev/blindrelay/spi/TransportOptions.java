package dev.blindrelay.spi;

import java.time.Duration;

/**
 * Settings every transport honours.
 *
 * @param maxFrameLength     largest frame payload accepted; checked before anything is allocated
 * @param ioThreads          event-loop threads (1 keeps a pair of connections on one thread: measured 2x)
 * @param writeLowWaterMark  bytes queued before a link becomes writable again
 * @param writeHighWaterMark bytes queued before a link reports itself not writable (backpressure)
 * @param connectTimeout     how long a client waits for the relay
 * @param webClient          a relay transport that speaks HTTP (ws) also serves the browser client's
 *                           static files at {@code /}; {@code --no-web} turns it off
 */
public record TransportOptions(int maxFrameLength, int ioThreads, int writeLowWaterMark,
                               int writeHighWaterMark, Duration connectTimeout, boolean webClient) {

    public static final int DEFAULT_MAX_FRAME_LENGTH = 1 << 20;

    public TransportOptions {
        if (maxFrameLength < 64) {
            throw new IllegalArgumentException("maxFrameLength must be at least 64 bytes, got " + maxFrameLength);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, got " + ioThreads);
        }
        if (writeLowWaterMark < 1 || writeHighWaterMark < writeLowWaterMark) {
            throw new IllegalArgumentException("need 0 < writeLowWaterMark <= writeHighWaterMark, got "
                    + writeLowWaterMark + " / " + writeHighWaterMark);
        }
    }

    /** With the browser client served (the default). */
    public TransportOptions(int maxFrameLength, int ioThreads, int writeLowWaterMark, int writeHighWaterMark,
                            Duration connectTimeout) {
        this(maxFrameLength, ioThreads, writeLowWaterMark, writeHighWaterMark, connectTimeout, true);
    }

    public static TransportOptions defaults() {
        return new TransportOptions(DEFAULT_MAX_FRAME_LENGTH, 1, 256 * 1024, 1024 * 1024, Duration.ofSeconds(5));
    }

    public TransportOptions withMaxFrameLength(int value) {
        return new TransportOptions(value, ioThreads, writeLowWaterMark, writeHighWaterMark, connectTimeout, webClient);
    }

    public TransportOptions withIoThreads(int value) {
        return new TransportOptions(maxFrameLength, value, writeLowWaterMark, writeHighWaterMark, connectTimeout,
                webClient);
    }

    public TransportOptions withWebClient(boolean value) {
        return new TransportOptions(maxFrameLength, ioThreads, writeLowWaterMark, writeHighWaterMark, connectTimeout,
                value);
    }
}
