package dev.blindrelay.cli.bench;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;

/** A relay the user started ({@code --relay HOST:PORT}): its memory is not ours to read. */
record ExternalRelay(InetSocketAddress address) implements Target {

    @Override
    public boolean speaksProtocol() {
        return true;
    }

    @Override
    public Optional<HeapReading> heap() {
        return Optional.empty();
    }

    @Override
    public OptionalInt connections() {
        return OptionalInt.empty();
    }

    @Override
    public String describe() {
        return "relay at " + address.getHostString() + ":" + address.getPort() + " (external: heap not measured)";
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
