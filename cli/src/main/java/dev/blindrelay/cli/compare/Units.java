package dev.blindrelay.cli.compare;

import java.util.Locale;

/** Number and size formatting shared by the text and the HTML report, so both show the same figures. */
final class Units {

    private Units() {
    }

    /** A message size as people say it: "64 B", "1 KiB", "16 KiB" (exact, else in bytes). */
    static String size(int bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }

    /**
     * A measured rate with about three significant digits: "12,345", "612", "45.1", "3.07". A one-run
     * benchmark is not more precise than that, and more digits would only suggest it is.
     */
    static String rate(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** A fractional number of seconds without trailing zeros: "1 s", "0.05 s". */
    static String seconds(java.time.Duration duration) {
        return new java.math.BigDecimal(duration.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString()
                + " s";
    }
}
