package dev.blindrelay.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bodies of the frames between a client and the relay (types below 0x10). The relay reads and
 * writes only these; peer-to-peer bodies stay opaque to it.
 * <pre>
 * JOIN                  (empty: the name and room are in the header)
 * WELCOME               u16 count, then count x str8 member name
 * PEER_JOINED/PEER_LEFT str8 name
 * ERROR                 u8 fatal (1 = the relay closes the connection), bytes16 UTF-8 reason
 * NOTICE                bytes16 UTF-8 text
 * PING/PONG             (empty)
 * </pre>
 */
public final class RelayMessages {

    private RelayMessages() {
    }

    public static byte[] members(List<String> names) {
        WireWriter writer = new WireWriter(2 + names.size() * 16).u16(names.size());
        names.forEach(writer::str8);
        return writer.toByteArray();
    }

    public static List<String> parseMembers(byte[] body) throws MalformedFrameException {
        WireReader reader = new WireReader(body);
        int count = reader.u16("member count");
        List<String> names = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            names.add(requireName(reader.str8("member name")));
        }
        reader.expectEnd("member list");
        return names;
    }

    public static byte[] name(String name) {
        return new WireWriter(1 + name.length()).str8(name).toByteArray();
    }

    public static String parseName(byte[] body) throws MalformedFrameException {
        WireReader reader = new WireReader(body);
        String name = requireName(reader.str8("name"));
        reader.expectEnd("name");
        return name;
    }

    public static byte[] error(boolean fatal, String reason) {
        return new WireWriter(3 + reason.length()).u8(fatal ? 1 : 0)
                .bytes16(truncate(reason).getBytes(StandardCharsets.UTF_8)).toByteArray();
    }

    /** @return the error; {@link RelayError#fatal()} means the relay is closing the connection */
    public static RelayError parseError(byte[] body) throws MalformedFrameException {
        WireReader reader = new WireReader(body);
        boolean fatal = reader.u8("fatal flag") != 0;
        String reason = reader.text16("reason");
        reader.expectEnd("error");
        return new RelayError(fatal, reason);
    }

    public static byte[] text(String text) {
        return new WireWriter(2 + text.length()).bytes16(truncate(text).getBytes(StandardCharsets.UTF_8)).toByteArray();
    }

    public static String parseText(byte[] body) throws MalformedFrameException {
        WireReader reader = new WireReader(body);
        String text = reader.text16("text");
        reader.expectEnd("notice");
        return text;
    }

    private static String requireName(String name) throws MalformedFrameException {
        String problem = Names.problem("member name", name);
        if (problem != null) {
            throw new MalformedFrameException(problem);
        }
        return name;
    }

    /** Reasons are one line; keep them well inside the u16 length. */
    private static String truncate(String text) {
        if (text.length() <= 1000) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(999)) ? 999 : 1000; // never split a surrogate pair
        return text.substring(0, end);
    }

    /** A relay error as the client sees it. */
    public record RelayError(boolean fatal, String reason) {
    }
}
