package dev.blindrelay.cli.command;

import dev.blindrelay.cli.compare.TextTable;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.session.StolenSession;

import java.io.PrintStream;
import java.util.List;

/**
 * The end of {@code demo --compromise-at K}: a thief copied Bob's session state after message K and kept the relay's
 * recording of the whole conversation. It now tries every recorded frame, in order, with that copy; the table says,
 * for each message of the demo, whether it could read it and why.
 */
final class CompromiseLesson {

    static final String FORWARD_SECRECY = "before the theft: forward secrecy";
    static final String BETWEEN = "between the theft and the next step";
    static final String HEALED = "after the next ratchet step: post-compromise security";

    /** One message of the demo: who sent it, and where it is in the relay's recording. */
    record Message(int number, String from, String to, int frame) {
    }

    private CompromiseLesson() {
    }

    /**
     * @param recording  every DATA frame the relay forwarded, in order
     * @param theftFrame the index in {@code recording} of the first frame sent after the theft
     * @return true when the outcome is what the session type promises (exit code 0)
     */
    static boolean report(PrintStream out, SessionKind kind, int theftAfter, List<byte[]> recording, int theftFrame,
                          List<Message> messages, StolenSession thief) {
        boolean[] readable = new boolean[recording.size()];
        for (int i = 0; i < recording.size(); i++) {
            readable[i] = thief.read(recording.get(i)).isPresent();
        }
        thief.close();
        TextTable table = new TextTable(">#", "direction", "readable by the thief", "why");
        boolean kept = true;
        boolean healed = false;
        int read = 0;
        for (Message message : messages) {
            boolean yes = readable[message.frame()];
            boolean after = message.frame() >= theftFrame;
            read += yes ? 1 : 0;
            String why;
            if (kind == SessionKind.STATIC) {
                why = after ? "after the theft: the same keys (no post-compromise security)"
                        : "before the theft: the same keys (no forward secrecy)";
                kept &= yes;
            } else if (!after) {
                why = yes ? "before the theft: READABLE, forward secrecy failed" : FORWARD_SECRECY;
                kept &= !yes;
            } else if (yes) {
                why = healed ? "after a step: READABLE, post-compromise security failed" : BETWEEN;
                kept &= !healed;
            } else {
                why = HEALED;
                healed = true;
            }
            table.row(String.valueOf(message.number()), message.from() + " -> " + message.to(), yes ? "yes" : "no", why);
        }
        out.println();
        out.println("=== A thief copied Bob's whole session state after message " + theftAfter + " and kept the relay's "
                + "recording (" + kind.id() + " session) ===");
        table.render().lines().forEach(line -> out.println("  " + line));
        out.println("[DEMO] The thief read " + read + " of " + messages.size() + " messages. " + summary(kind, kept));
        return kept;
    }

    private static String summary(SessionKind kind, boolean kept) {
        if (!kept) {
            return "That is NOT what a " + kind.id() + " session promises - FAILED";
        }
        return kind == SessionKind.STATIC
                ? "Static keys protect nothing once copied: every message of the session, before and after."
                : "Earlier keys were erased, and the next ratchet steps used secrets the copy did not have.";
    }
}
