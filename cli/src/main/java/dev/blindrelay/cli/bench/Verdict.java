package dev.blindrelay.cli.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a load delivered exactly what it sent: every message to every recipient once, nothing
 * lost, nothing twice, and nothing else went wrong (warnings, failed deliveries, disconnects).
 *
 * @param expected   deliveries that should have happened (messages sent times their recipients)
 * @param delivered  distinct deliveries that did happen
 * @param duplicates deliveries of a message a recipient already had
 * @param problems   everything else reported, with the first few in {@code examples}
 * @param finished   false when the load stopped making progress before it was done
 */
record Verdict(long expected, long delivered, long duplicates, long problems, List<String> examples,
               boolean finished) {

    boolean ok() {
        return finished && delivered == expected && duplicates == 0 && problems == 0;
    }

    /** One line: PASS with the count, or FAIL with what was wrong. */
    String line() {
        if (ok() && expected == 0) {
            return "PASS: no messages in this run; no errors, warnings or disconnects";
        }
        if (ok()) {
            return String.format("PASS: delivered == sent (%,d of %,d), no loss, no duplicates", delivered, expected);
        }
        return String.format("FAIL: delivered %,d of %,d expected (%,d lost), %,d duplicates, %,d other problems%s",
                delivered, expected, expected - delivered, duplicates, problems,
                finished ? "" : "; stopped making progress for " + Progress.STALL.toSeconds() + " s");
    }

    /** Both loads must pass; the counts add up. */
    Verdict and(Verdict other) {
        List<String> all = new ArrayList<>(examples);
        all.addAll(other.examples);
        return new Verdict(expected + other.expected, delivered + other.delivered, duplicates + other.duplicates,
                problems + other.problems, List.copyOf(all), finished && other.finished);
    }
}
