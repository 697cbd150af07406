package dev.blindrelay.cli.command;

import com.google.inject.Injector;
import dev.blindrelay.cli.Command;
import dev.blindrelay.cli.Console;
import dev.blindrelay.cli.Plugins;
import dev.blindrelay.cli.Wiring;
import dev.blindrelay.cli.chat.ChatCommands;
import dev.blindrelay.cli.chat.ChatLines;
import dev.blindrelay.cli.chat.ChatOutput;
import dev.blindrelay.cli.chat.PipedChat;
import dev.blindrelay.cli.chat.PrintingListener;
import dev.blindrelay.cli.chat.TerminalChat;
import dev.blindrelay.cli.config.Settings;
import dev.blindrelay.client.ChatClient;
import dev.blindrelay.client.ClientSettings;
import dev.blindrelay.identity.Fingerprint;
import dev.blindrelay.identity.IdentityStore;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.trace.JsonLinesTracer;
import dev.blindrelay.trace.TextTracer;
import dev.blindrelay.trace.Tracer;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/** {@code blindrelay client --host H --port P --name NAME}: the chat client. */
public final class ClientCommand implements Command {

    @Override
    public String name() {
        return "client";
    }

    @Override
    public String summary() {
        return "join a room and chat, end-to-end encrypted";
    }

    @Override
    public int run(String[] args, Console console) throws Exception {
        Settings settings = Settings.parse(name(), ClientOptions.KEYS, args);
        if (settings.helpRequested()) {
            console.out().print(Settings.help("blindrelay client --name NAME [options]",
                    "Join a room through a relay and chat end-to-end encrypted.", ClientOptions.KEYS));
            return 0;
        }
        ClientOptions options = ClientOptions.from(settings);
        Injector injector = Wiring.injector(Plugins.load(console.err()), options.suite(),
                List.of(options.transport()), Wiring.instance(ClientOptions.class, options));
        SuitePreference suites = injector.getInstance(SuitePreference.class);
        Transport transport = injector.getInstance(Transport.class);

        IdentityStore store = new IdentityStore(options.home(), options.name());
        IdentityStore.Loaded identity = store.loadOrCreate(new SecureRandom());
        ChatLines lines = new ChatLines(Clock.systemDefaultZone());
        if (console.interactive()) {
            try (TerminalChat terminal = new TerminalChat(options.noColor())) {
                return chat(options, suites, transport, store, identity, terminal, lines, console, client -> {
                    terminal.run(options.name() + " > ", new ChatCommands(client, terminal, lines)::handle,
                            () -> client.members().keySet());
                    return 0;
                });
            }
        }
        PipedChat piped = new PipedChat(console.in(), console.out());
        return chat(options, suites, transport, store, identity, piped, lines, console, client -> {
            if (piped.run(client, new ChatCommands(client, piped, lines)::handle, options.waitForPeer())) {
                return 0;
            }
            console.err().println("error: " + (client.members().isEmpty() ? "nobody else joined" : "no secure session with anyone in")
                    + " room '" + client.room() + "' within " + options.waitForPeer().toSeconds() + " s (--wait); nothing was sent");
            return 1;
        });
    }

    /** Reads what the user types until they leave; returns the exit code. */
    private interface Loop {
        int run(ChatClient client) throws IOException;
    }

    private static int chat(ClientOptions options, SuitePreference suites, Transport transport, IdentityStore store,
                            IdentityStore.Loaded identity, ChatOutput out, ChatLines lines, Console console, Loop loop)
            throws IOException {
        if (identity.created()) {
            out.print("[CLIENT] Created your identity key in " + store.directory() + " (fingerprint "
                    + Fingerprint.hex(identity.identity().publicKey()) + ")");
        }
        JsonLinesTracer json = options.traceJson() == null ? null : JsonLinesTracer.toFile(options.traceJson());
        Tracer tracer = Tracer.both(options.trace() ? new TextTracer(out::print) : Tracer.NONE,
                json == null ? Tracer.NONE : json);
        try (Connector connector = transport.connector(options.transportOptions())) {
            ChatClient client = new ChatClient(
                    ClientSettings.of(options.name(), options.room(), options.relays().get(0))
                            .withRelays(options.relays()).withSession(SessionOptions.of(options.session())),
                    suites, identity.identity(), store.knownPeers(), connector, new PrintingListener(out, lines), tracer);
            out.print("[CLIENT] Connecting to relay " + options.relaysText() + " (" + transport.id()
                    + ") as " + options.name() + ", room '" + options.room() + "', " + (suites.suites().size() == 1
                    ? "suite " : "suites (most preferred first) ") + suites + ", " + options.session().id()
                    + " sessions...");
            try {
                client.start();
            } catch (IOException e) {
                console.err().println("error: " + e.getMessage());
                return 1;
            }
            out.print("[CLIENT] Type a message and press Enter. /help lists commands, /exit leaves.");
            try {
                return loop.run(client);
            } finally {
                client.close();
                out.print("[CLIENT] Left the room. Session keys erased.");
            }
        } finally {
            if (json != null) {
                json.close();
            }
        }
    }
}
