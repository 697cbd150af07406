package dev.blindrelay.wire;

import java.nio.charset.StandardCharsets;

/**
 * Rules for user and room names, in one place for the client, the relay and the parser.
 * A name is 1 to 32 bytes of UTF-8 with no control characters, spaces or slashes, and not {@code .}
 * or {@code ..}. When two valid names count as the same one: {@link NameKeys}.
 */
public final class Names {

    public static final int MAX_BYTES = 32;

    private Names() {
    }

    /** @return null when {@code name} is acceptable, otherwise why not, as one line */
    public static String problem(String what, String name) {
        if (name == null || name.isEmpty()) {
            return what + " must not be empty";
        }
        if (name.equals(".") || name.equals("..")) { // names are folder names on the client's disk
            return what + " '" + name + "' is not allowed ('.' and '..' name folders)";
        }
        // The common case, plain ASCII, needs neither the UTF-8 encoding nor the code-point walk below.
        boolean ascii = isPlainAscii(name);
        if ((ascii ? name.length() : name.getBytes(StandardCharsets.UTF_8).length) > MAX_BYTES) {
            return what + " '" + name + "' is longer than " + MAX_BYTES + " bytes";
        }
        if (ascii) {
            return null;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            // isSpaceChar adds the no-break spaces (U+00A0, U+2007, U+202F) that isWhitespace leaves out.
            if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || cp == '/' || cp == '\\' || Character.getType(cp) == Character.FORMAT) {
                return what + " '" + name + "' may not contain spaces, control characters or slashes";
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /** Printable ASCII without space, slash or backslash: always acceptable. */
    private static boolean isPlainAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '/' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** @throws IllegalArgumentException with the one-line problem */
    public static String require(String what, String name) {
        String problem = problem(what, name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return name;
    }
}
