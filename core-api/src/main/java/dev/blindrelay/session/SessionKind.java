package dev.blindrelay.session;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a session protects its messages after the handshake. Both peers must use the same kind: the initiator
 * states its kind in the INIT and a responder of the other kind refuses (PROTOCOL.md section 5).
 */
public enum SessionKind {

    /** A Double Ratchet: a key per message, and a new shared secret each time the conversation turns. */
    RATCHET("ratchet", 1),
    /** One key per direction for the whole session, as in the classic teaching design. */
    STATIC("static", 0);

    private final String id;
    private final int code;

    SessionKind(String id, int code) {
        this.id = id;
        this.code = code;
    }

    /** The name users type ({@code --session ratchet}) and the value the transcript binds. */
    public String id() {
        return id;
    }

    /** The byte in INIT. */
    public int code() {
        return code;
    }

    public static Optional<SessionKind> ofCode(int code) {
        for (SessionKind kind : values()) {
            if (kind.code == code) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Parses {@code ratchet} or {@code static}, or says which values exist. */
    public static SessionKind parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown session type '" + text
                        + "'; use ratchet (the default) or static"));
    }
}
