package dev.blindrelay.cli.bench;

/**
 * What a benchmark message carries so the receiver can check it and time it: the sender's sequence
 * number and its {@link System#nanoTime()} at sending. Clients and relay client threads share one JVM,
 * so the clocks agree. Chat text is "seq nanos " padded with 'x' to the message size; a raw body
 * holds the two numbers as big-endian longs in its first 16 bytes.
 */
record Stamp(int seq, long sentNanos) {

    /** Text of exactly {@code padding.length()} bytes when the numbers fit, otherwise just the numbers. */
    String toText(String padding) {
        // One copy of a ready-made padding: building it per message showed up as the load generator's top cost. One
        // builder of the final size: a concatenation went through method handles and copied the padding twice.
        StringBuilder text = new StringBuilder(Math.max(padding.length(), 32)).append(seq).append(' ')
                .append(sentNanos).append(' ');
        if (text.length() < padding.length()) {
            text.append(padding, text.length(), padding.length());
        }
        return text.toString();
    }

    /** The padding for {@link #toText} of messages of {@code size} bytes. */
    static String padding(int size) {
        return "x".repeat(size);
    }

    /** @return the stamp, or null when the text is not a benchmark message */
    static Stamp parse(String text) {
        int first = text.indexOf(' ');
        int second = first < 0 ? -1 : text.indexOf(' ', first + 1);
        if (second < 0) {
            return null;
        }
        try {
            return new Stamp(Integer.parseInt(text, 0, first, 10), Long.parseLong(text, first + 1, second, 10));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
