package dev.blindrelay.cli.command;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.blindrelay.cli.Command;
import dev.blindrelay.cli.Console;
import dev.blindrelay.cli.Plugins;
import dev.blindrelay.cli.Wiring;
import dev.blindrelay.cli.config.Settings;
import dev.blindrelay.relay.MemberDirectory;
import dev.blindrelay.relay.Relay;
import dev.blindrelay.relay.nats.ClusterSettings;
import dev.blindrelay.relay.nats.NatsCluster;
import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.spi.RelayServer;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.suite.CipherSuite;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code blindrelay server --host 0.0.0.0 --port 5000 [--verbose]}: the blind relay. */
public final class ServerCommand implements Command {

    @Override
    public String name() {
        return "server";
    }

    @Override
    public String summary() {
        return "run the relay: it forwards ciphertext and holds no keys";
    }

    @Override
    public int run(String[] args, Console console) throws Exception {
        Settings settings = Settings.parse(name(), ServerOptions.KEYS, args);
        if (settings.helpRequested()) {
            console.out().print(Settings.help("blindrelay server [--host 0.0.0.0] [--port 5000] [--verbose] [--nats nats://HOST:4222,...]",
                    "Run the blind relay. Ctrl-C stops it.", ServerOptions.KEYS));
            return 0;
        }
        ServerOptions options = ServerOptions.from(settings);
        Injector injector = Wiring.injector(Plugins.load(console.err()), CipherSuite.DEFAULT_ID,
                options.transports(), Wiring.instance(ServerOptions.class, options));
        List<Transport> transports = injector.getInstance(Key.get(new TypeLiteral<List<Transport>>() { }));

        Relay relay = start(options, transports, console);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            console.out().println("\n[SERVER] Shutting down: telling clients and flushing...");
            relay.close();
            console.out().println("[SERVER] Relay stopped.");
            console.out().flush();
            stopped.countDown();
        }, "relay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return 0;
    }

    /** The web-client module's files are in the relay's jar (the ws transport serves them). */
    private static boolean webClientInBuild() {
        return ServerCommand.class.getClassLoader().getResource("blindrelay-web/index.html") != null;
    }

    /** A wildcard bind address is not something a browser can open: suggest loopback. */
    private static String browserHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** Binds every transport and prints where it listens. Public for tests and the demo. */
    public static Relay start(ServerOptions options, List<Transport> transports, Console console)
            throws java.io.IOException {
        List<Relay.Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < transports.size(); i++) {
            Transport transport = transports.get(i);
            endpoints.add(new Relay.Endpoint(transport,
                    new InetSocketAddress(options.host(), options.portFor(transport.id(), i))));
        }
        RelayObserver observer = options.verbose() ? new VerboseRelayLog(console.out()) : RelayObserver.NONE;
        MemberDirectory.Factory directory = MemberDirectory.LOCAL;
        if (!options.nats().isEmpty()) {
            NatsCluster cluster = NatsCluster.connect(ClusterSettings.of(options.nats(),
                    options.transportOptions().maxFrameLength()));
            console.out().println("[SERVER] Joined the relay cluster at " + cluster.connectedUrl() + " as relay "
                    + cluster.relayId() + "; rooms are shared with every relay of the cluster");
            directory = cluster.directory();
        }
        Relay relay = Relay.start(endpoints, options.transportOptions(), options.limits(), observer, directory);
        for (int i = 0; i < relay.servers().size(); i++) {
            RelayServer server = relay.servers().get(i);
            String id = transports.get(i).id();
            console.out().println("[SERVER] Relay started on " + options.host() + ":" + server.address().getPort()
                    + (id.equals("tcp") ? "" : " (" + id + (id.equals("ws") ? ", ws://" + options.host() + ":"
                    + server.address().getPort() + "/relay" : "") + ")"));
            if (id.equals("ws") && options.transportOptions().webClient() && webClientInBuild()) {
                console.out().println("[SERVER] Browser client at http://" + browserHost(options.host()) + ":"
                        + server.address().getPort() + "/ (--no-web turns it off)");
            }
        }
        console.out().println("[SERVER] Holding no keys: only ciphertext passes through. Ctrl-C stops the relay.");
        console.out().flush();
        return relay;
    }
}
