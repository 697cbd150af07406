package dev.blindrelay.transport.testing;

import java.util.List;

/** Live threads by name, to check that servers and connectors release theirs. */
public final class Threads {

    private Threads() {
    }

    public static List<String> named(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .sorted()
                .toList();
    }

    /**
     * The live threads named {@code prefix...} once there are at most {@code count} of them, or after
     * two seconds: a stopped event loop completes its termination future just before its thread ends.
     */
    public static List<String> settle(String prefix, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        List<String> live = named(prefix);
        while (live.size() > count && System.nanoTime() < deadline) {
            Thread.sleep(10);
            live = named(prefix);
        }
        return live;
    }
}
