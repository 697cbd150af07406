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
}
