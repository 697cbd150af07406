package dev.blindrelay.cli.command;

import dev.blindrelay.cli.UsageException;
import dev.blindrelay.cli.config.Settings;
import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.spi.TransportOptions;

import java.time.Duration;
import java.util.List;

/** A relay's parsed settings. */
public record ServerOptions(String host, int port, Integer wsPort, List<String> transports, boolean verbose,
                            TransportOptions transportOptions, RelayLimits limits, List<String> nats) {

    static final List<String> KEYS = List.of("config", "host", "port", "ws-port", "transport", "verbose",
            "max-frame", "io-threads", "max-connections", "rate-limit", "join-timeout", "nats", "no-web", "help");

    /** Parses server flags, e.g. for tests and embedding. */
    public static ServerOptions parse(String... args) {
        return from(Settings.parse("server", KEYS, args));
    }

    static ServerOptions from(Settings settings) {
        int port = settings.integer("port", 0, 65535);
        Integer wsPort = settings.isSet("ws-port") ? settings.integer("ws-port", 0, 65535) : null;
        int rate = settings.integer("rate-limit", 0, 10_000_000);
        RelayLimits limits = RelayLimits.defaults()
                .withMaxConnections(settings.integer("max-connections", 1, 1_000_000))
                .withJoinTimeout(Duration.ofSeconds(settings.integer("join-timeout", 1, 3600)))
                .withRateLimit(rate, rate * 2);
        return new ServerOptions(settings.get("host", "0.0.0.0"), port, wsPort, settings.list("transport"),
                settings.flag("verbose"),
                ClientOptions.transportOptions(settings).withWebClient(!settings.flag("no-web")), limits,
                settings.isSet("nats") ? natsUrls(settings.list("nats")) : List.of());
    }

    private static List<String> natsUrls(List<String> urls) {
        for (String url : urls) {
            if (!url.matches("(nats|tls)://[^/\\s]+:\\d{1,5}")) {
                throw new UsageException("--nats takes URLs such as nats://127.0.0.1:4222, separated by commas; got '"
                        + url + "'");
            }
        }
        return urls;
    }

    /**
     * The port for the {@code index}-th transport: the first uses --port; WebSocket uses --ws-port,
     * else the port after the previous one.
     */
    int portFor(String transport, int index) {
        if (index == 0) {
            return port;
        }
        if (transport.equals("ws") && wsPort != null) {
            return wsPort;
        }
        return port == 0 ? 0 : port + index;
    }
}
