package dev.blindrelay.cli.e2e;

import dev.blindrelay.cli.Console;
import dev.blindrelay.cli.command.ServerCommand;
import dev.blindrelay.cli.command.ServerOptions;
import dev.blindrelay.relay.Relay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The real {@code blindrelay server} on a free port of 127.0.0.1 over TCP, in this JVM; its log is kept. */
final class CliRelay implements AutoCloseable {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Relay relay;

    CliRelay(String... extraArgs) throws IOException {
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--host", "127.0.0.1", "--port", "0"),
                java.util.stream.Stream.of(extraArgs)).toArray(String[]::new);
        relay = ServerCommand.start(ServerOptions.parse(args), List.of(Plugins.REGISTRY.transports().get("tcp")),
                new Console(null, out, out, false));
    }

    String port() {
        return String.valueOf(relay.address().getPort());
    }

    /** A {@code blindrelay client} of this relay, keeping its identity in {@code home}. */
    RunningClient client(String name, java.nio.file.Path home) throws IOException {
        return new RunningClient("client", "--port", port(), "--name", name, "--home", home.toString());
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        relay.close();
    }
}
