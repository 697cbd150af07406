package dev.blindrelay.cli.chat;

/**
 * Text from the network is shown only after control characters are replaced: a peer must not be
 * able to move the cursor, clear the screen or fake a system line with escape sequences.
 */
public final class Printable {

    private Printable() {
    }

    public static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean control = Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT;
            out.appendCodePoint(control ? '?' : cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
