package dev.blindrelay.cli.config;

import dev.blindrelay.cli.UsageException;
import dev.blindrelay.wire.Names;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The settings of one command, merged from three layers: a flag wins over the {@code --config}
 * file, and the file wins over the default. Values are checked when read, with errors that name the
 * flag and say what is expected.
 */
public final class Settings {

    /** Every setting any command takes. docs/config.md documents the same list. */
    public static final Map<String, Setting> CATALOG = catalog(
            new Setting("config", "FILE", null, "read settings from a properties file; flags win over it"),
            new Setting("host", "HOST", null, "relay address (server: 0.0.0.0, client: 127.0.0.1)"),
            new Setting("port", "PORT", "5000", "relay TCP port"),
            new Setting("ws-port", "PORT", null, "relay WebSocket port (default: port + 1)"),
            new Setting("transport", "IDS", "tcp", "transport: client 'tcp' or 'ws'; server a list such as 'tcp,ws'"),
            new Setting("suite", "ID[,ID...]", "p256-aesgcm", "cipher suite id or alias, or a list most preferred "
                    + "first, e.g. pq,x25519-chacha: a peer takes the first of yours it accepts (see 'blindrelay suites')"),
            new Setting("session", "TYPE", "ratchet", "ratchet: a key per message and new secrets at each turn of "
                    + "the conversation; static: one key per direction for the whole session (teaching); both peers "
                    + "must use the same (bench: a list, e.g. ratchet,static, to compare in one run)"),
            new Setting("compromise-at", "K", null, "demo: after message K a thief copies Bob's session state; a "
                    + "table shows which messages it can read, and why"),
            new Setting("name", "NAME", null, "your name in the room (required)"),
            new Setting("room", "ROOM", "lobby", "the room to join"),
            new Setting("home", "DIR", null, "where identity keys and known_peers live (default: ~/.blindrelay)"),
            new Setting("verbose", null, null, "log every frame the relay forwards (type, from, to, size, first bytes)"),
            new Setting("trace", null, null, "print every handshake and message step, secrets included (teaching)"),
            new Setting("trace-json", "FILE", null, "write the trace as JSON lines to FILE"),
            new Setting("wait", "SECONDS", "600", "piped client: give up (exit 1) if nobody is there to read the first message"),
            new Setting("no-color", null, null, "client: no colours (also when the NO_COLOR variable is set)"),
            new Setting("max-frame", "BYTES", "1048576", "largest frame accepted"),
            new Setting("io-threads", "N", "1", "network event-loop threads"),
            new Setting("max-connections", "N", "20000", "relay: connections accepted at most"),
            new Setting("rate-limit", "N", "0", "relay: frames per second per connection, 0 = unlimited"),
            new Setting("join-timeout", "SECONDS", "10", "relay: close connections that do not join in time"),
            new Setting("nats", "URLS", null, "server: join the relay cluster of these NATS servers, e.g."
                    + " nats://127.0.0.1:4222 (JetStream on); bench: the child relay joins it"),
            new Setting("no-web", null, null, "relay: do not serve the browser client at / on the WebSocket port"),
            new Setting("force", null, null, "keygen: replace an existing identity key"),
            new Setting("suites", "IDS", "all", "compare: suite ids or aliases separated by commas, or 'all'"),
            new Setting("sizes", "BYTES", "64,1024,16384", "compare: message sizes for the throughput, in bytes"),
            new Setting("seconds", "SECONDS", "1", "compare: time per measurement; fractions allowed (0.2)"),
            new Setting("html", "FILE", null, "compare: also write a self-contained HTML report with charts"),
            new Setting("clients", "N", "100", "bench: client connections in this JVM"),
            new Setting("rooms", "R", null, "bench: rooms the clients are spread over (default: clients / 2)"),
            new Setting("messages", "M", "1000", "bench: messages each sender sends in the measured round"),
            new Setting("size", "BYTES", "1024", "bench: message size in bytes"),
            new Setting("relay", "HOST:PORT,...", null, "client: relays of one cluster, tried in turn (instead of --host"
                    + " and --port); bench: load these running relays instead of starting one"),
            new Setting("json", "FILE", null, "bench: also write the figures as JSON"),
            new Setting("raw", null, null, "bench: pre-built opaque frames, no crypto: the relay alone"),
            new Setting("baseline", null, null, "bench: with --raw, also run a plain frame forwarder and a byte copier and compare"),
            new Setting("idle", null, null, "bench: clients join, handshake and stay idle; report relay memory"),
            new Setting("stall", null, null, "bench: raw senders whose receivers never read; report what the "
                    + "slow consumers cost the relay's memory"),
            new Setting("join-rate", "N", "0", "bench: joins per second at most, 0 = as fast as welcomed"),
            new Setting("repeat", "N", "1", "bench: rounds of the chat against the same relay (several --session "
                    + "types take turns), or of --raw --baseline (the relay and its baselines take turns); each "
                    + "round's figures and their medians"),
            new Setting("one-way", null, null, "bench: only the first member of each room sends (the others "
                    + "acknowledge), instead of everyone at once"),
            new Setting("client-io-threads", "N", null, "bench: event-loop threads of the clients' connector"
                    + " (default: --io-threads)"),
            new Setting("versus-raw", null, null, "bench: after the chat, raw frames through the same relay, and the"
                    + " chat's throughput as a share of theirs"),
            new Setting("help", null, null, "show this help"));

    private final String command;
    private final CommandLine flags;
    private final Properties file;
    private final Path fileName;

    private Settings(String command, CommandLine flags, Properties file, Path fileName) {
        this.command = command;
        this.flags = flags;
        this.file = file;
        this.fileName = fileName;
    }

    private static Map<String, Setting> catalog(Setting... settings) {
        Map<String, Setting> map = new LinkedHashMap<>();
        for (Setting setting : settings) {
            map.put(setting.key(), setting);
        }
        return java.util.Collections.unmodifiableMap(map); // shared by every command: never changed
    }

    /** Commons CLI options for the given keys. */
    public static Options options(List<String> keys) {
        Options options = new Options();
        for (String key : keys) {
            Setting setting = CATALOG.get(key);
            if (setting == null) {
                throw new IllegalArgumentException("no setting named " + key);
            }
            options.addOption(setting.toOption());
        }
        return options;
    }

    /**
     * Parses {@code args} for {@code command}, accepting only {@code keys}.
     *
     * @throws UsageException for an unknown flag, a missing value, a stray argument or a bad file
     */
    public static Settings parse(String command, List<String> commandKeys, String[] args) {
        List<String> keys = withConfigAndHelp(commandKeys);
        Options options = options(keys);
        CommandLine line;
        try {
            line = DefaultParser.builder().setAllowPartialMatching(false).get().parse(options, args);
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("unknown option " + e.getOption() + " for '" + command + "'; run 'blindrelay "
                    + command + " --help' to see the options");
        } catch (MissingArgumentException e) {
            throw new UsageException("--" + e.getOption().getLongOpt() + " needs a value ("
                    + e.getOption().getArgName() + ")");
        } catch (ParseException e) {
            throw new UsageException(e.getMessage() + "; run 'blindrelay " + command + " --help'");
        }
        if (!line.getArgList().isEmpty()) {
            throw new UsageException("unexpected argument '" + line.getArgList().get(0) + "' for '" + command
                    + "'; options start with --, run 'blindrelay " + command + " --help'");
        }
        Properties file = new Properties();
        Path fileName = null;
        if (line.hasOption("config")) {
            fileName = Path.of(line.getOptionValue("config"));
            file = load(fileName, keys, command);
        }
        return new Settings(command, line, file, fileName);
    }

    private static Properties load(Path path, List<String> keys, String command) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new UsageException("config file " + path + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("cannot read config file " + path + ": " + e.getMessage());
        }
        for (String key : properties.stringPropertyNames()) {
            if (!CATALOG.containsKey(key) || key.equals("config") || key.equals("help")) {
                throw new UsageException("unknown key '" + key + "' in " + path + "; known keys: "
                        + String.join(", ", CATALOG.keySet().stream()
                        .filter(k -> !k.equals("config") && !k.equals("help")).toList()));
            }
        }
        List<String> ignored = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            if (!keys.contains(key)) {
                ignored.add(key);
            }
        }
        ignored.forEach(properties::remove); // a shared file may hold keys for other commands
        return properties;
    }

    public boolean helpRequested() {
        return flags.hasOption("help");
    }

    /** The value from the flag, else the file, else the catalog default, else {@code fallback}. */
    public String get(String key, String fallback) {
        if (flags.hasOption(key)) {
            return flags.getOptionValue(key);
        }
        String fromFile = file.getProperty(key);
        if (fromFile != null) {
            return fromFile.strip();
        }
        String defaultValue = CATALOG.get(key).defaultValue();
        return defaultValue != null ? defaultValue : fallback;
    }

    public String get(String key) {
        return get(key, null);
    }

    /** @throws UsageException naming the flag when it is not set anywhere */
    public String require(String key) {
        String value = get(key);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + key + " is required for '" + command + "' (or set '" + key
                    + "' in a --config file)");
        }
        return value;
    }

    /** A user or room name, checked by the protocol's rules ({@link Names}) before anything uses it. */
    public String name(String key) {
        String value = require(key);
        String problem = Names.problem("--" + key, value);
        if (problem != null) {
            throw new UsageException(problem);
        }
        return value;
    }

    public boolean isSet(String key) {
        return flags.hasOption(key) || file.getProperty(key) != null;
    }

    public boolean flag(String key) {
        if (flags.hasOption(key)) {
            return true;
        }
        String fromFile = file.getProperty(key);
        if (fromFile == null) {
            return false;
        }
        return switch (fromFile.strip().toLowerCase()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0", "" -> false;
            default -> throw new UsageException("'" + key + "' in " + fileName + " must be true or false, got '"
                    + fromFile + "'");
        };
    }

    /** An integer within [min, max], with an error naming the flag. */
    public int integer(String key, int min, int max) {
        String value = require(key);
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " must be a whole number from " + min + " to " + max + ", got '"
                    + value + "'");
        }
    }

    /** A comma-separated list. */
    /** The session types named by {@code key} (one or a list), or a usage error naming both types. */
    public List<dev.blindrelay.session.SessionKind> sessionKinds(String key) {
        try {
            return list(key).stream().map(dev.blindrelay.session.SessionKind::parse).distinct().toList();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + key + ": " + e.getMessage());
        }
    }

    /** One session type. */
    public dev.blindrelay.session.SessionKind sessionKind(String key) {
        List<dev.blindrelay.session.SessionKind> kinds = sessionKinds(key);
        if (kinds.size() != 1) {
            throw new UsageException("--" + key + " takes one type here (ratchet or static), got " + get(key));
        }
        return kinds.get(0);
    }

    public List<String> list(String key) {
        List<String> items = new ArrayList<>();
        for (String item : require(key).split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        if (items.isEmpty()) {
            throw new UsageException("--" + key + " must name at least one value");
        }
        return items;
    }

    /** A comma-separated list of HOST:PORT addresses. */
    public List<java.net.InetSocketAddress> addresses(String key) {
        List<java.net.InetSocketAddress> addresses = new ArrayList<>();
        for (String hostPort : list(key)) {
            int colon = hostPort.lastIndexOf(':');
            try {
                int port = colon <= 0 ? -1 : Integer.parseInt(hostPort.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                addresses.add(new java.net.InetSocketAddress(hostPort.substring(0, colon), port));
            } catch (NumberFormatException e) {
                throw new UsageException("--" + key + " must be HOST:PORT, e.g. 127.0.0.1:5000, separated by commas;"
                        + " got '" + hostPort + "'");
            }
        }
        return addresses;
    }

    /** Every command takes {@code --config} and {@code --help}, as every help text says. */
    private static List<String> withConfigAndHelp(List<String> keys) {
        List<String> all = new ArrayList<>(keys);
        for (String common : List.of("config", "help")) {
            if (!all.contains(common)) {
                all.add(common);
            }
        }
        return all;
    }

    /** The help text for a command's options. */
    public static String help(String usage, String summary, List<String> keys) {
        StringWriter text = new StringWriter();
        new HelpFormatter().printHelp(new PrintWriter(text), 100, usage, summary, options(withConfigAndHelp(keys)), 2, 3,
                "Every option can also be set in a --config properties file, with the same key.");
        return text.toString();
    }
}
