package dev.blindrelay.cli.command;

import dev.blindrelay.cli.UsageException;
import dev.blindrelay.cli.config.Settings;
import dev.blindrelay.identity.IdentityStore;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.spi.TransportOptions;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A client's parsed settings, bound into Guice for the client command. */
public record ClientOptions(String name, String room, List<InetSocketAddress> relays, String transport, String suite,
                            Path home, boolean trace, Path traceJson, TransportOptions transportOptions,
                            Duration waitForPeer, boolean noColor, SessionKind session) {

    static final List<String> KEYS = List.of("config", "host", "port", "name", "room", "suite", "session", "transport",
            "home", "trace", "trace-json", "max-frame", "io-threads", "relay", "wait", "no-color", "help");

    static ClientOptions from(Settings settings) {
        List<String> transports = settings.list("transport");
        if (transports.size() != 1) {
            throw new UsageException("a client uses one --transport (tcp or ws), got " + String.join(",", transports));
        }
        String home = settings.get("home");
        String traceJson = settings.get("trace-json");
        List<InetSocketAddress> relays = settings.isSet("relay") ? settings.addresses("relay")
                : List.of(new InetSocketAddress(settings.get("host", "127.0.0.1"), settings.integer("port", 1, 65535)));
        return new ClientOptions(settings.name("name"), settings.name("room"), relays, transports.get(0),
                settings.get("suite"),
                home == null ? IdentityStore.defaultHome() : Path.of(home), settings.flag("trace"),
                traceJson == null ? null : Path.of(traceJson), transportOptions(settings),
                Duration.ofSeconds(settings.integer("wait", 1, 24 * 3600)), settings.flag("no-color"),
                settings.sessionKind("session"));
    }

    static TransportOptions transportOptions(Settings settings) {
        return TransportOptions.defaults()
                .withMaxFrameLength(settings.integer("max-frame", 1024, 64 << 20))
                .withIoThreads(settings.integer("io-threads", 1, 64));
    }

    /** The relays as the user wrote them, for messages. */
    public String relaysText() {
        return String.join(",", relays.stream().map(a -> a.getHostString() + ":" + a.getPort()).toList());
    }
}
