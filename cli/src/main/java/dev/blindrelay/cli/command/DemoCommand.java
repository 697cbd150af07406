package dev.blindrelay.cli.command;

import com.google.inject.Injector;
import dev.blindrelay.cli.Command;
import dev.blindrelay.cli.Console;
import dev.blindrelay.cli.Plugins;
import dev.blindrelay.cli.Wiring;
import dev.blindrelay.cli.chat.ChatLines;
import dev.blindrelay.cli.chat.ChatOutput;
import dev.blindrelay.cli.chat.PrintingListener;
import dev.blindrelay.cli.config.Settings;
import dev.blindrelay.client.ChatClient;
import dev.blindrelay.client.ChatListener;
import dev.blindrelay.client.ClientSettings;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.relay.Relay;
import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.session.StolenSession;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.trace.JsonLinesTracer;
import dev.blindrelay.trace.TextTracer;
import dev.blindrelay.trace.Tracer;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code blindrelay demo}: an embedded relay and two scripted clients in one process. Shows the
 * handshake, both safety codes, messages each way, and every frame the relay forwarded, then checks
 * that no plaintext ever passed through the relay. Exits 0 only when all of that holds.
 */
public final class DemoCommand implements Command {

    static final List<String> KEYS = List.of("suite", "session", "transport", "trace", "trace-json", "compromise-at",
            "help");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String[][] SCRIPT = {
            {"Alice", "Hi Bob! Only you can read this: the relay sees ciphertext."},
            {"Bob", "Hi Alice. Our safety codes match, so no one swapped our keys."},
            {"Alice", "Every message gets its own nonce, and with the ratchet its own key."},
            {"Bob", "And a replayed or altered message would be rejected."},
            {"Alice", "See you in the next room."},
            {"Bob", "Bye!"},
    };
    /** For --compromise-at: twelve messages, both ways, runs from one side, several turns. */
    private static final String[][] LONG_SCRIPT = {
            {"Alice", "Hi Bob! Ready for the lesson on stolen keys?"},
            {"Bob", "Hi Alice. Yes: someone will copy my memory."},
            {"Alice", "Each of our messages has its own key."},
            {"Alice", "And each key is erased once used."},
            {"Bob", "So a thief cannot go back in time."},
            {"Alice", "Each time we take turns, a new shared secret comes in."},
            {"Bob", "So the thief is locked out again after a turn."},
            {"Bob", "Even though it copied everything I had."},
            {"Alice", "Static keys would give it every message."},
            {"Bob", "That is what --session static shows."},
            {"Alice", "Time to look at the table."},
            {"Bob", "Bye!"},
    };

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run a relay and two scripted clients in one process, and show what the relay saw";
    }

    @Override
    public int run(String[] args, Console console) throws Exception {
        Settings settings = Settings.parse(name(), KEYS, args);
        if (settings.helpRequested()) {
            console.out().print(Settings.help("blindrelay demo [--suite ID[,ID...]] [--session ratchet|static]"
                            + " [--transport tcp|ws] [--trace] [--trace-json FILE] [--compromise-at K]",
                    "An embedded relay and two scripted clients; exits 0 when everything checked out.", KEYS));
            return 0;
        }
        Injector injector = Wiring.injector(Plugins.load(console.err()), settings.get("suite"),
                List.of(settings.get("transport")), Wiring.instance(Settings.class, settings));
        SuitePreference suites = injector.getInstance(SuitePreference.class);
        Transport transport = injector.getInstance(Transport.class);
        String traceJson = settings.get("trace-json");
        try (JsonLinesTracer json = traceJson == null ? null : JsonLinesTracer.toFile(Path.of(traceJson))) {
            Tracer tracer = Tracer.both(settings.flag("trace") ? new TextTracer(console.out()) : Tracer.NONE,
                    json == null ? Tracer.NONE : json);
            SessionKind session = settings.sessionKind("session");
            int compromiseAt = settings.isSet("compromise-at")
                    ? settings.integer("compromise-at", 1, LONG_SCRIPT.length) : 0;
            return new Run(console, suites, transport, tracer, session, compromiseAt).run();
        }
    }

    /** One demo run and what it observed. */
    private static final class Run {
        private final Console console;
        private final SuitePreference suites;
        private final Transport transport;
        private final Tracer tracer;
        private final SessionKind session;
        private final int compromiseAt;
        private final String[][] script;
        private final List<String> relayLines = Collections.synchronizedList(new ArrayList<>());
        private final List<byte[]> relayFrames = Collections.synchronizedList(new ArrayList<>());
        /** The DATA frames alone, for the thief of --compromise-at. */
        private final List<byte[]> dataFrames = Collections.synchronizedList(new ArrayList<>());
        private final List<CompromiseLesson.Message> messages = new ArrayList<>();
        private StolenSession thief;
        private int theftFrame;

        Run(Console console, SuitePreference suites, Transport transport, Tracer tracer, SessionKind session,
            int compromiseAt) {
            this.console = console;
            this.suites = suites;
            this.transport = transport;
            this.tracer = tracer;
            this.session = session;
            this.compromiseAt = compromiseAt;
            this.script = compromiseAt > 0 ? LONG_SCRIPT : SCRIPT;
        }

        int run() throws IOException, InterruptedException {
            console.out().println("=== BlindRelay demo: suite " + suites + ", " + session.id() + " sessions, over "
                    + transport.id() + " ===");
            RelayObserver capture = new RelayObserver() {
                @Override
                public void forwarded(EnvelopeHeader header, byte[] frame) {
                    relayFrames.add(frame);
                    if (header.type() == FrameType.DATA) {
                        dataFrames.add(frame);
                    }
                    relayLines.add(VerboseRelayLog.describe(header, frame));
                }
            };
            boolean ok;
            try (Relay relay = Relay.start(List.of(new Relay.Endpoint(transport, new InetSocketAddress("127.0.0.1", 0))),
                    TransportOptions.defaults(), RelayLimits.defaults(), capture);
                 Connector connector = transport.connector(TransportOptions.defaults())) {
                console.out().println("[SERVER] Relay started on 127.0.0.1:" + relay.address().getPort());
                ok = chat(relay.address(), connector);
            }
            boolean blind = report();
            boolean lesson = thief == null || CompromiseLesson.report(console.out(), session, compromiseAt,
                    List.copyOf(dataFrames), theftFrame, messages, thief);
            return blind && ok && lesson ? 0 : 1;
        }

        private boolean chat(InetSocketAddress address, Connector connector) throws IOException, InterruptedException {
            Participant alice = new Participant("Alice", address, connector);
            Participant bob = new Participant("Bob", address, connector);
            try {
                alice.client.start();
                bob.client.start();
                if (!alice.secured.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                        || !bob.secured.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    console.out().println("[DEMO] FAILED: the handshake did not complete");
                    return false;
                }
                String aliceCode = alice.client.safetyCode("Bob").orElseThrow();
                String bobCode = bob.client.safetyCode("Alice").orElseThrow();
                console.out().println("[DEMO] Safety codes: Alice sees " + aliceCode + ", Bob sees " + bobCode
                        + (aliceCode.equals(bobCode) ? "  -> equal: no one swapped the keys" : "  -> DIFFERENT!"));
                boolean delivered = true;
                for (int i = 0; i < script.length; i++) {
                    Participant from = script[i][0].equals("Alice") ? alice : bob;
                    Participant to = from == alice ? bob : alice;
                    int mark = dataFrames.size();
                    from.client.send(script[i][1]);
                    String got = to.messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    delivered &= script[i][1].equals(got);
                    // Each message and its acknowledgement, before the next: the conversation takes turns.
                    acknowledged(alice, bob);
                    messages.add(new CompromiseLesson.Message(i + 1, from.name, to.name, mark));
                    if (i + 1 == compromiseAt) {
                        thief = bob.client.stealSession("Alice").orElseThrow();
                        theftFrame = dataFrames.size();
                        console.out().println("[DEMO] A thief copies Bob's whole session state now, after message "
                                + compromiseAt + ", and keeps the relay's recording of everything.");
                    }
                }
                return aliceCode.equals(bobCode) && delivered;
            } finally {
                alice.client.close();
                bob.client.close();
            }
        }

        private static void acknowledged(Participant alice, Participant bob) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while ((alice.client.pendingDeliveries() > 0 || bob.client.pendingDeliveries() > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }

        private boolean report() {
            console.out().println();
            console.out().println("=== What the relay saw: " + relayLines.size()
                    + " frames, forwarded unchanged (it holds no keys) ===");
            relayLines.forEach(line -> console.out().println("  " + line));
            int leaks = 0;
            for (String[] line : script) {
                byte[] plaintext = line[1].getBytes(StandardCharsets.UTF_8);
                for (byte[] frame : relayFrames) {
                    if (indexOf(frame, plaintext) >= 0) {
                        leaks++;
                    }
                }
            }
            console.out().println("[DEMO] Plaintext of the " + script.length + " messages found in relay traffic: "
                    + (leaks == 0 ? "none" : leaks + " times - FAILED"));
            return leaks == 0;
        }

        /** A scripted client whose lines are printed with its name in front. */
        private final class Participant {
            final String name;
            final ChatClient client;
            final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
            final CountDownLatch secured = new CountDownLatch(1);

            Participant(String name, InetSocketAddress address, Connector connector) {
                this.name = name;
                String prefix = String.format("%-5s | ", name);
                ChatOutput out = lines -> {
                    synchronized (console.out()) {
                        lines.lines().forEach(l -> console.out().println(prefix + l));
                    }
                };
                PrintingListener printer = new PrintingListener(out, ChatLines.withoutTime());
                ChatListener listener = new ChatListener() {
                    @Override
                    public void status(String line) {
                        printer.status(line);
                    }

                    @Override
                    public void joined(String room, List<String> members) {
                        printer.joined(room, members);
                    }

                    @Override
                    public void secured(String peer, String suiteId, String code, KnownPeers.Check trust) {
                        printer.secured(peer, suiteId, code, trust);
                        secured.countDown();
                    }

                    @Override
                    public void message(String from, String text, boolean direct) {
                        printer.message(from, text, direct);
                        messages.add(text);
                    }

                    @Override
                    public void delivered(String peer, long id) {
                        printer.delivered(peer, id);
                    }

                    @Override
                    public void warning(String line) {
                        printer.warning(line);
                    }
                };
                // The demo steps at every turn, as a conversation at typing speed does (no step interval).
                ClientSettings settings = ClientSettings.of(name, ClientSettings.DEFAULT_ROOM, address)
                        .withSession(SessionOptions.of(session).withStepInterval(Duration.ZERO));
                client = new ChatClient(settings, suites,
                        IdentityKeyPair.generate(new SecureRandom()), KnownPeers.inMemory(), connector, listener,
                        tracer);
            }
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
