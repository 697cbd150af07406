package dev.blindrelay.cli.chat;

import dev.blindrelay.client.ChatListener;
import dev.blindrelay.identity.KnownPeers;

import java.util.List;

/** Turns client events into the lines the user reads. Peer-supplied text is cleaned first. */
public final class PrintingListener implements ChatListener {

    private final ChatOutput out;
    private final ChatLines lines;

    public PrintingListener(ChatOutput out, ChatLines lines) {
        this.out = out;
        this.lines = lines;
    }

    @Override
    public void status(String line) {
        out.print("[CLIENT] " + line);
    }

    @Override
    public void joined(String room, List<String> members) {
        if (members.isEmpty()) {
            out.print("[CLIENT] Joined room '" + room + "'. Waiting for someone else to join...");
        } else {
            out.print("[CLIENT] Joined room '" + room + "' with " + String.join(", ", members));
        }
    }

    @Override
    public void peerJoined(String name) {
        out.print("[CLIENT] " + name + " joined the room; waiting for their handshake");
    }

    @Override
    public void peerLeft(String name) {
        out.print("[CLIENT] " + name + " left the room; their session keys are erased");
    }

    @Override
    public void secured(String peer, String suiteId, String safetyCode, KnownPeers.Check trust) {
        StringBuilder text = new StringBuilder("[SUCCESS] Secure Channel Established!\n")
                .append("[CLIENT] ").append(peer).append(" is connected with ").append(suiteId).append('\n')
                .append("[CLIENT] Safety code with ").append(peer).append(": ").append(safetyCode)
                .append("  (compare it with ").append(peer).append("; /verify ").append(peer).append(")");
        switch (trust) {
            case PINNED_NOW -> text.append("\n[CLIENT] First contact with ").append(peer)
                    .append(": their identity key is now pinned");
            case VERIFIED -> text.append("\n[CLIENT] ").append(peer).append("'s identity key matches the one you verified");
            case MATCHES -> text.append("\n[CLIENT] ").append(peer).append("'s identity key matches the pinned one");
            case MISMATCH -> text.append('\n').append(identityChanged(peer));
        }
        out.print(text.toString());
    }

    static String identityChanged(String peer) {
        String bar = "[WARN] @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@";
        return bar + "\n[WARN] @   WARNING: THE IDENTITY KEY OF " + peer.toUpperCase() + " HAS CHANGED!\n"
                + bar + "\n[WARN] Someone could be intercepting this conversation (a man in the middle),"
                + "\n[WARN] or " + peer + " created a new key. Nothing will be sent to " + peer + " until you"
                + "\n[WARN] compare the safety number (/verify " + peer + ") and accept it with /trust " + peer
                + ", or leave with /exit.";
    }

    @Override
    public void message(String from, String text, boolean direct) {
        out.print(lines.incoming(from, Printable.clean(text), direct));
    }

    @Override
    public void delivered(String peer, long id) {
        out.print("  \u2713 delivered to " + peer);
    }

    @Override
    public void notDelivered(String peer, long id, String reason) {
        out.print("[WARN] message NOT delivered to " + peer + ": " + Printable.clean(reason));
    }

    @Override
    public void warning(String line) {
        out.print("[WARN] " + Printable.clean(line));
    }

    @Override
    public void notice(String text) {
        out.print("[RELAY] " + Printable.clean(text));
    }

    @Override
    public void disconnected(String reason) {
        out.print("[CLIENT] Disconnected from the relay: " + Printable.clean(reason));
    }
}
