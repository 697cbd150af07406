package dev.blindrelay.cli.bench;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** What the benchmark clients connect to: our relay (started here or elsewhere) or the plain forwarder. */
interface Target extends AutoCloseable {

    InetSocketAddress address();

    /** Every address the clients spread over: several relays of one cluster, or just {@link #address()}. */
    default java.util.List<InetSocketAddress> addresses() {
        return java.util.List.of(address());
    }

    /**
     * The addresses of this one target, each with its own ephemeral ports for the clients (see
     * {@link LoopbackSpread}): just {@link #address()} unless it was started to listen on several.
     */
    default java.util.List<InetSocketAddress> listening() {
        return java.util.List.of(address());
    }

    /** True when it speaks the protocol (JOIN, WELCOME); the plain forwarder only pairs connections. */
    boolean speaksProtocol();

    /** Its live heap, measured in its own JVM after a full GC; empty when that JVM is not ours. */
    Optional<HeapReading> heap();

    /** Connections it has open, by its own count; empty when it cannot be asked. */
    OptionalInt connections();

    /** CPU time its process has used so far, all threads, in nanoseconds; empty when it cannot be asked. */
    default OptionalLong cpuNanos() {
        return OptionalLong.empty();
    }

    /** Milliseconds its JVM's JIT has spent compiling so far; empty when it cannot be asked. */
    default OptionalLong jitMillis() {
        return OptionalLong.empty();
    }

    /** One line for the report, e.g. "relay in child JVM pid 4242". */
    String describe();

    @Override
    void close();

    /** Bytes of heap in use after a full GC and committed, and the resident set size (-1 if unknown). */
    record HeapReading(long usedBytes, long committedBytes, long residentBytes) {
    }
}
