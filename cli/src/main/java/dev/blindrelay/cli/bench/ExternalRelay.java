package dev.blindrelay.cli.bench;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Relays the user started ({@code --relay HOST:PORT,...}): their memory is not ours to read. */
record ExternalRelay(List<InetSocketAddress> addresses) implements Target {

    @Override
    public InetSocketAddress address() {
        return addresses.get(0);
    }

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
        return (addresses.size() == 1 ? "relay at " : addresses.size() + " relays at ") + String.join(", ",
                addresses.stream().map(a -> a.getHostString() + ":" + a.getPort()).toList())
                + " (external: heap not measured)";
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
