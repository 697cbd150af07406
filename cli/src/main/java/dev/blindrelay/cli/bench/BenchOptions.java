package dev.blindrelay.cli.bench;

import dev.blindrelay.cli.UsageException;
import dev.blindrelay.cli.config.Settings;
import dev.blindrelay.session.SessionKind;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The parsed settings of one {@code blindrelay bench} run.
 *
 * @param mode       what traffic to generate
 * @param clients    client connections in this JVM
 * @param rooms      rooms the clients are spread over, round-robin (raw: one pair per room slot)
 * @param messages   messages each sender sends in the measured round (chat: to its whole room)
 * @param size       bytes of each message: the chat text, or the opaque body of a raw DATA frame
 * @param suite      cipher suite id or alias (chat and idle)
 * @param transport  transport id
 * @param relays     already running relays (clients spread over them), or empty to start one in a child JVM
 * @param nats       NATS servers the child relay joins (a relay cluster), or empty
 * @param json       where to write the figures as JSON, or null
 * @param baseline   raw only: also run the same traffic through the plain frame forwarder and the byte copier
 * @param ioThreads  event-loop threads of the relay (and of the clients' connector unless clientIoThreads says)
 * @param joinRate   joins per second at most; 0 joins as fast as the relay welcomes them
 * @param sessions   chat: the session types to load, one after the other in this run (the first is the one the
 *                   verdict and the main figures are about when there are several)
 * @param oneWay     chat: only the first member of each room sends; the others acknowledge
 * @param repeat     chat: rounds against the same relay (several session types take turns in each); raw with
 *                   baseline: rounds in which the relay and its baselines take turns
 * @param clientIoThreads chat: event-loop threads of the clients' shared connector (so the ends of a pair can run
 *                   on threads of their own)
 * @param versusRaw  chat: then raw frames through the same relay, and the ratio of the two
 */
record BenchOptions(Mode mode, int clients, int rooms, int messages, int size, String suite, String transport,
                    List<InetSocketAddress> relays, List<String> nats, Path json, boolean baseline, int ioThreads,
                    int joinRate, List<SessionKind> sessions, boolean oneWay, int repeat, int clientIoThreads,
                    boolean versusRaw) {

    enum Mode {
        /** Real clients: handshakes, encryption, acknowledgements. */
        CHAT,
        /** Pre-built opaque DATA frames, one sender to one receiver per pair: the relay alone. */
        RAW,
        /** Clients that join, secure their sessions and then stay quiet: memory per connection. */
        IDLE,
        /** Raw senders whose receivers never read: what slow consumers cost the relay. */
        STALL
    }

    static final List<String> KEYS = List.of("config", "clients", "rooms", "messages", "size", "suite", "transport",
            "relay", "nats", "json", "raw", "baseline", "idle", "io-threads", "join-rate", "session", "one-way", "repeat",
            "stall", "client-io-threads", "versus-raw", "help");

    /**
     * With --versus-raw, raw frames per pair for each chat message per sender: raw frames go about ten times as fast,
     * so both loads last about as long.
     */
    static final int RAW_FRAMES_PER_CHAT_MESSAGE = 5;

    /** Raw bodies carry a sequence number and a send time (two longs) for the loss and latency checks. */
    static final int MIN_RAW_SIZE = 16;

    static BenchOptions from(Settings settings) {
        boolean raw = settings.flag("raw");
        boolean idle = settings.flag("idle");
        boolean stall = settings.flag("stall");
        if ((raw ? 1 : 0) + (idle ? 1 : 0) + (stall ? 1 : 0) > 1) {
            throw new UsageException("--raw, --idle and --stall measure different things; choose one");
        }
        Mode mode = raw ? Mode.RAW : idle ? Mode.IDLE : stall ? Mode.STALL : Mode.CHAT;
        int clients = settings.integer("clients", 2, 1_000_000);
        String pairsFlag = mode == Mode.STALL ? "--stall" : "--raw";
        if ((mode == Mode.RAW || mode == Mode.STALL) && clients % 2 != 0) {
            throw new UsageException(pairsFlag + " pairs a sender with a receiver: --clients must be even, got "
                    + clients);
        }
        int rooms = settings.isSet("rooms") ? settings.integer("rooms", 1, clients) : Math.max(1, clients / 2);
        int size = settings.integer("size", 1, 1_000_000);
        if (mode == Mode.RAW && size < MIN_RAW_SIZE) {
            throw new UsageException("--raw needs --size of at least " + MIN_RAW_SIZE + " bytes (sequence + time)");
        }
        boolean baseline = settings.flag("baseline");
        String transport = settings.get("transport");
        if ((mode == Mode.RAW || mode == Mode.STALL) && !transport.equals("tcp")) {
            throw new UsageException(pairsFlag + " speaks the tcp framing over plain sockets; use --transport tcp");
        }
        List<InetSocketAddress> relay = settings.isSet("relay") ? settings.addresses("relay") : List.of();
        if (!relay.isEmpty() && settings.isSet("nats")) {
            throw new UsageException("--nats starts the child relay in a cluster; with --relay the relays are yours:"
                    + " start them with 'server --nats' instead");
        }
        if (baseline && (mode != Mode.RAW || !relay.isEmpty())) {
            throw new UsageException("--baseline compares --raw traffic through a relay this command starts;"
                    + " use it with --raw and without --relay");
        }
        boolean versusRaw = settings.flag("versus-raw");
        if (versusRaw && (mode != Mode.CHAT || clients % 2 != 0 || size < MIN_RAW_SIZE || !transport.equals("tcp"))) {
            throw new UsageException("--versus-raw follows the chat with raw frames between the same number of"
                    + " clients: use it without --raw or --idle, with an even --clients, --size of at least "
                    + MIN_RAW_SIZE + " and --transport tcp");
        }
        int repeat = settings.integer("repeat", 1, 100);
        if (repeat > 1 && mode != Mode.CHAT && !(mode == Mode.RAW && baseline)) {
            throw new UsageException("--repeat runs rounds of the chat, or of --raw --baseline; it has nothing to"
                    + " repeat with " + (mode == Mode.RAW ? "--raw alone: add --baseline"
                    : "--" + mode.name().toLowerCase() + ": leave --repeat out"));
        }
        String json = settings.get("json");
        int ioThreads = settings.integer("io-threads", 1, 64);
        return new BenchOptions(mode, clients, rooms, settings.integer("messages", 0, 100_000_000), size,
                settings.get("suite"), transport, relay, settings.isSet("nats") ? settings.list("nats") : List.of(),
                json == null ? null : Path.of(json), baseline,
                ioThreads, settings.integer("join-rate", 0, 1_000_000),
                settings.sessionKinds("session"), settings.flag("one-way"), repeat,
                settings.isSet("client-io-threads") ? settings.integer("client-io-threads", 1, 64) : ioThreads,
                versusRaw);
    }

    /** The same run against {@code value} only. */
    BenchOptions withRelays(List<InetSocketAddress> value) {
        return new BenchOptions(mode, clients, rooms, messages, size, suite, transport, value, nats, json, baseline,
                ioThreads, joinRate, sessions, oneWay, repeat, clientIoThreads, versusRaw);
    }

    /** The raw load that follows the chat with --versus-raw: same clients and size, more messages. */
    BenchOptions rawAfterChat() {
        return new BenchOptions(Mode.RAW, clients, rooms, messages * RAW_FRAMES_PER_CHAT_MESSAGE, size, suite,
                transport, relays, nats, json, false, ioThreads, joinRate, sessions, oneWay, repeat, clientIoThreads,
                false);
    }

    /** The room of client {@code index}: round-robin. */
    String roomOf(int index) {
        return "room" + (index % rooms);
    }
}
