package dev.blindrelay.cli.compare;

import dev.blindrelay.cli.UsageException;
import dev.blindrelay.cli.config.Settings;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The checked options of {@code blindrelay compare}. Every mistake is a {@link UsageException} that
 * names the flag and what it expects, so the user sees one line and exit code 2.
 *
 * @param suites  ids or aliases, or empty for every named suite
 * @param sizes   plaintext sizes in bytes, in the order given, without repeats
 * @param measure time box of each measurement
 * @param html    where to write the HTML report, or null for none
 */
record CompareOptions(List<String> suites, List<Integer> sizes, Duration measure, Path html) {

    /** A chat frame is at most 1 MiB by default (--max-frame); larger messages are not sent. */
    static final int MAX_SIZE = 1 << 20;
    /** Ten minutes per measurement is already more than any comparison needs. */
    static final int MAX_SECONDS = 600;

    CompareOptions {
        suites = List.copyOf(suites);
        sizes = List.copyOf(sizes);
    }

    static CompareOptions from(Settings settings) {
        List<String> suites = settings.list("suites");
        if (suites.size() == 1 && suites.get(0).equalsIgnoreCase("all")) {
            suites = List.of();
        }
        String html = settings.get("html");
        return new CompareOptions(suites.stream().distinct().toList(), sizes(settings.require("sizes")),
                seconds(settings.require("seconds")), html == null ? null : Path.of(html));
    }

    /** "64,1024,16384" to [64, 1024, 16384]. */
    static List<Integer> sizes(String value) {
        List<Integer> sizes = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            int size;
            try {
                size = Integer.parseInt(item.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_SIZE) {
                throw new UsageException("--sizes must be message sizes in bytes from 1 to " + MAX_SIZE
                        + ", separated by commas (e.g. 64,1024,16384), got '" + value + "'");
            }
            if (!sizes.contains(size)) {
                sizes.add(size);
            }
        }
        return sizes;
    }

    /** "1", "0.05": fractions allowed so that tests can run in a moment. */
    static Duration seconds(String value) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            seconds = BigDecimal.ZERO;
        }
        long nanos = seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0 ? 0
                : seconds.movePointRight(9).longValue();
        if (nanos < 1_000_000) {
            throw new UsageException("--seconds must be a time per measurement from 0.001 to " + MAX_SECONDS
                    + " seconds (e.g. 1 or 0.2), got '" + value + "'");
        }
        return Duration.ofNanos(nanos);
    }
}
