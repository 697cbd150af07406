package dev.blindrelay.cli.bench;

import dev.blindrelay.cli.UsageException;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/**
 * Refuses, before anything starts, a load with more connections than this process may open: each client is one
 * file descriptor here and one in the relay, and the relay started by {@code bench} inherits this limit.
 */
final class DescriptorLimit {

    /** Descriptors a JVM, its jars and the benchmark's own sockets take besides the clients. */
    static final int RESERVE = 256;

    private DescriptorLimit() {
    }

    static void check(int clients) {
        check(clients, limit());
    }

    /** @param limit the open-file limit of this process, or a negative number when unknown */
    static void check(int clients, long limit) {
        if (limit > 0 && clients + RESERVE > limit) {
            throw new UsageException(String.format(Locale.ROOT, "--clients %,d needs about %,d open files, in this"
                    + " process and in the relay's, and 'ulimit -n' allows %,d: raise it first (e.g. 'ulimit -n %d')"
                    + " or use fewer clients", clients, clients + RESERVE, limit, clients + 10 * RESERVE));
        }
    }

    private static long limit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }
}
