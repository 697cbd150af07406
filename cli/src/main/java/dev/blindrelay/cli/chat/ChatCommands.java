package dev.blindrelay.cli.chat;

import dev.blindrelay.client.ChatClient;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.wire.NameKeys;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a typed line does: a slash command, or a message to the room. */
public final class ChatCommands {

    static final String HELP = String.join("\n",
            "[CLIENT] Commands:",
            "  /who                 list the members of the room and the state of each session",
            "  /msg NAME text       send to one member only",
            "  /verify [NAME]       show the safety code and safety number to compare with NAME",
            "  /verified NAME       record that you compared the safety number with NAME",
            "  /trust NAME          accept NAME's new identity key after a warning",
            "  /help                this list",
            "  /exit                leave the room",
            "  //text               send a line that starts with /",
            "  Anything else is encrypted separately for every member and sent to the room.",
            "  Tab completes commands and names.");

    /** The commands, for Tab completion. */
    static final List<String> COMMANDS = List.of("/who", "/msg", "/verify", "/verified", "/trust", "/help", "/exit");
    /** The commands whose argument is a member's name. */
    static final Set<String> TAKE_A_MEMBER = Set.of("/msg", "/verify", "/verified", "/trust");

    private final ChatClient client;
    private final ChatOutput out;
    private final ChatLines lines;

    public ChatCommands(ChatClient client, ChatOutput out) {
        this(client, out, new ChatLines(Clock.systemDefaultZone()));
    }

    public ChatCommands(ChatClient client, ChatOutput out, ChatLines lines) {
        this.client = client;
        this.out = out;
        this.lines = lines;
    }

    /** True for a line that is sent as a message: not blank and not a command ({@code //} sends a {@code /}). */
    public static boolean isMessage(String line) {
        String text = line.strip();
        return !text.isEmpty() && (!text.startsWith("/") || text.startsWith("//"));
    }

    /** @return false when the user wants to leave */
    public boolean handle(String line) {
        String text = line.strip();
        if (text.isEmpty()) {
            return true;
        }
        if (isMessage(line)) {
            String message = text.startsWith("//") ? line.substring(line.indexOf('/') + 1) : line;
            out.print(lines.own(client.name(), null, message));
            client.send(message);
            return true;
        }
        String[] parts = text.split("\\s+", 3);
        String argument = parts.length > 1 ? parts[1] : null;
        switch (parts[0]) {
            case "/exit", "/quit" -> {
                return false;
            }
            case "/help" -> out.print(HELP);
            case "/who" -> who();
            case "/msg" -> {
                if (parts.length < 3) {
                    out.print("[WARN] usage: /msg NAME text");
                } else {
                    String to = member(argument);
                    out.print(lines.own(client.name(), to, parts[2]));
                    client.sendTo(to, parts[2]);
                }
            }
            case "/verify" -> verify(member(argument));
            case "/verified" -> verified(member(argument));
            case "/trust" -> trust(member(argument));
            default -> out.print("[WARN] unknown command " + parts[0] + "; /help lists the commands");
        }
        return true;
    }

    /**
     * The member that {@code typed} names: {@code /msg bob} reaches Bob. The relay admits no two
     * members whose names look the same ({@link NameKeys}), so at most one matches.
     */
    private String member(String typed) {
        if (typed == null || client.members().containsKey(typed)) {
            return typed;
        }
        return client.members().keySet().stream().filter(name -> NameKeys.same(name, typed)).findFirst().orElse(typed);
    }

    private void who() {
        Map<String, String> members = client.members();
        StringBuilder text = new StringBuilder("[CLIENT] Room '" + client.room() + "': " + (members.size() + 1)
                + " member(s)\n  " + client.name() + " (you)");
        members.forEach((name, state) -> text.append("\n  ").append(name).append(" (").append(state).append(')'));
        out.print(text.toString());
    }

    private void verify(String name) {
        Map<String, String> members = client.members();
        if (name == null) {
            if (members.isEmpty()) {
                out.print("[CLIENT] Nobody else is in the room.");
            }
            members.keySet().forEach(this::verifyOne);
        } else {
            verifyOne(name);
        }
    }

    private void verifyOne(String name) {
        Optional<String> code = client.safetyCode(name);
        Optional<String> number = client.safetyNumber(name);
        if (code.isEmpty() || number.isEmpty()) {
            out.print(client.members().containsKey(name)
                    ? "[WARN] no secure session with '" + name + "' yet; /who shows its state"
                    : "[WARN] no member '" + name + "' in the room; /who lists the members");
            return;
        }
        out.print("[CLIENT] With " + name + ":\n"
                + "  Suite of this session:        " + client.sessionSuite(name).map(Object::toString).orElse("?")
                + "\n"
                + "  Safety code of this session:  " + code.get() + "\n"
                + "  Safety number (stays the same while both identity keys do):\n    "
                + number.get().replace("\n", "\n    ") + "\n"
                + switch (client.trustOf(name).orElse(KnownPeers.Check.MATCHES)) {
                    case VERIFIED -> "  You verified " + name + "'s identity key before, and it has not changed: nothing to do";
                    case MISMATCH -> "  " + name + "'s identity key CHANGED. Read the number aloud with " + name
                            + " over another channel. If it matches, accept the new key with /trust " + name;
                    default -> "  Read it aloud with " + name + " over another channel. If it matches, run /verified "
                            + name;
                });
    }

    private void verified(String name) {
        if (name == null) {
            out.print("[WARN] usage: /verified NAME");
            return;
        }
        if (client.trustOf(name).orElse(null) == KnownPeers.Check.VERIFIED) {
            out.print("[CLIENT] " + name + "'s identity key is already verified");
            return;
        }
        try {
            out.print(client.markVerified(name)
                    ? "[CLIENT] Marked " + name + "'s identity key as verified"
                    : "[WARN] no trusted session with '" + name + "' to mark as verified");
        } catch (IOException | IllegalStateException e) {
            out.print("[WARN] cannot record the verification: " + e.getMessage());
        }
    }

    private void trust(String name) {
        if (name == null) {
            out.print("[WARN] usage: /trust NAME");
            return;
        }
        try {
            out.print(switch (client.trust(name)) {
                case ACCEPTED -> "[CLIENT] Accepted " + name + "'s new identity key; messages held for " + name
                        + " are sent";
                case UNCHANGED -> "[CLIENT] " + name + "'s identity key has not changed; nothing to trust (it stays "
                        + (client.trustOf(name).orElse(null) == KnownPeers.Check.VERIFIED ? "verified)" : "pinned)");
                case NO_SESSION -> "[WARN] no session with '" + name + "' whose key could be trusted";
            });
        } catch (IOException e) {
            out.print("[WARN] cannot save the new key: " + e.getMessage());
        }
    }
}
