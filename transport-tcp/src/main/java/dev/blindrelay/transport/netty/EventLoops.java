package dev.blindrelay.transport.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.FastThreadLocalThread;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates and stops the NIO event-loop groups that servers and connectors own. */
final class EventLoops {

    /** Tasks submitted during shutdown get this long to run before the loop stops. */
    private static final long QUIET_PERIOD_MILLIS = 20;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;

    private EventLoops() {
    }

    /** A group of {@code threads} daemon threads named {@code <prefix>-1}, {@code <prefix>-2}, ... */
    static EventLoopGroup create(String prefix, int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new NamedThreads(prefix), NioIoHandler.newFactory());
    }

    /** Stops the group (closing whatever channels it still has) and waits until its threads are gone. */
    static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(QUIET_PERIOD_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS + 1_000);
    }

    private static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new FastThreadLocalThread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
