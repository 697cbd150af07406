package dev.blindrelay.cli.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One primitive (e.g. {@code AES-256-GCM}) measured through each provider that implements it: the
 * same algorithm and the same bytes on the wire, so any difference is the implementation alone.
 *
 * @param kind      "key agreement" or "AEAD"
 * @param primitive the plugin id
 * @param unit      what the values count, e.g. "MB/s"
 * @param columns   what each value was measured at: one label per message size, or one for a key agreement
 * @param rates     the plugin the registry uses first, then each provider variant
 */
record ProviderComparison(String kind, String primitive, String unit, List<String> columns,
                          List<ProviderRate> rates) {

    /** Closer than this and two providers are called "about as fast": one short run is not more precise. */
    private static final double SAME = 1.10;

    ProviderComparison {
        columns = List.copyOf(columns);
        rates = List.copyOf(rates);
        if (rates.isEmpty() || !rates.get(0).plugin()) {
            throw new IllegalArgumentException("the plugin's own rate comes first");
        }
    }

    ProviderRate plugin() {
        return rates.get(0);
    }

    List<ProviderRate> variants() {
        return rates.subList(1, rates.size());
    }

    /** How many times faster the plugin is than {@code rate} in {@code column} (below 1: slower). */
    double pluginAdvantage(ProviderRate rate, int column) {
        return plugin().values().get(column) / rate.values().get(column);
    }

    /**
     * The teaching point in words, one sentence per variant, compared in the last column (the largest
     * message, where the cipher itself dominates; for a key agreement, its three steps together), e.g.
     * "BouncyCastle AES-256-GCM is 25x slower than SunJCE here (at 16 KiB)".
     */
    List<String> verdicts() {
        List<String> lines = new ArrayList<>();
        int last = columns.size() - 1;
        // An AEAD is compared "at 16 KiB"; a key agreement "for keygen+respond+finish".
        String preposition = kind.equals("AEAD") ? "at " : "for ";
        String where = columns.size() > 1 ? " (" + preposition + columns.get(last) + ")" : "";
        for (ProviderRate variant : variants()) {
            String relative = relative(variant, last);
            String than = relative.startsWith("about") ? " as " : " than ";
            lines.add(variant.provider() + " " + primitive + " is " + relative + than + plugin().provider()
                    + " here" + where);
        }
        return lines;
    }

    /** "25x slower", "1.3x faster" or "about as fast": {@code rate} against the plugin in {@code column}. */
    String relative(ProviderRate rate, int column) {
        double advantage = pluginAdvantage(rate, column);
        if (advantage < SAME && advantage > 1 / SAME) {
            return "about as fast";
        }
        return advantage >= 1 ? times(advantage) + " slower" : times(1 / advantage) + " faster";
    }

    /** "25x" for large ratios, "1.8x" for small ones: no more digits than one run can support. */
    static String times(double ratio) {
        return ratio >= 10 ? String.format(Locale.ROOT, "%.0fx", ratio) : String.format(Locale.ROOT, "%.1fx", ratio);
    }

    /**
     * @param provider {@code Plugin.provider()} of the implementation measured
     * @param plugin   true for the implementation the registry uses (the suite's own)
     * @param values   one per column
     */
    record ProviderRate(String provider, boolean plugin, List<Double> values) {
        ProviderRate {
            values = List.copyOf(values);
        }
    }
}
