package dev.blindrelay.cli.command;

import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.wire.EnvelopeHeader;

import java.io.PrintStream;
import java.util.HexFormat;

/**
 * {@code --verbose}: one line per forwarded frame with what a blind relay can see: type, sender,
 * recipient, room, size and the first bytes of the (encrypted or public) body. Never plaintext.
 */
public final class VerboseRelayLog implements RelayObserver {

    static final int PREVIEW_BYTES = 16;

    private final PrintStream out;

    public VerboseRelayLog(PrintStream out) {
        this.out = out;
    }

    /** One line describing a forwarded frame; also used by the demo's summary. */
    public static String describe(EnvelopeHeader header, byte[] frame) {
        int bodyLength = header.bodyLength(frame);
        int preview = Math.min(PREVIEW_BYTES, bodyLength);
        return String.format("%-18s %s -> %s (room %s) %d bytes: %s%s", header.typeName(), header.sender(),
                header.recipient(), header.room(), frame.length,
                HexFormat.of().formatHex(frame, header.bodyOffset(), header.bodyOffset() + preview),
                bodyLength > preview ? "..." : "");
    }

    @Override
    public void forwarded(EnvelopeHeader header, byte[] frame) {
        out.println("[RELAY] " + describe(header, frame));
    }

    @Override
    public void joined(String room, String name, String link) {
        out.println("[RELAY] " + name + " joined room " + room + " from " + link);
    }

    @Override
    public void left(String room, String name, String link) {
        out.println("[RELAY] " + name + " left room " + room);
    }

    @Override
    public void refused(String link, String reason) {
        out.println("[RELAY] closed " + link + ": " + reason);
    }
}
