package dev.blindrelay.cli.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one run, in order: printed as an aligned table and written as JSON with the same
 * keys, so a script reads exactly what a person sees.
 */
final class Report {

    /** One figure: a number (NaN when not measured) or a text; a null key is a section title. */
    record Row(String key, String label, Object value, String unit) {
    }

    private final List<Row> rows = new ArrayList<>();

    Report number(String key, String label, double value, String unit) {
        rows.add(new Row(key, label, value, unit));
        return this;
    }

    Report text(String key, String label, String value) {
        rows.add(new Row(key, label, value, ""));
        return this;
    }

    /** A heading in the table; JSON keys carry their own prefix instead. */
    Report section(String title) {
        rows.add(new Row(null, title, "", ""));
        return this;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Every row of {@code other}, with its keys prefixed (figures of two runs side by side). */
    Report include(Report other, String keyPrefix) {
        for (Row row : other.rows) {
            rows.add(row.key() == null ? row : new Row(keyPrefix + row.key(), row.label(), row.value(), row.unit()));
        }
        return this;
    }

    /** The value of {@code key}, for ratios between figures; NaN when absent. */
    double value(String key) {
        return rows.stream().filter(r -> key.equals(r.key()) && r.value() instanceof Double).map(r -> (Double) r.value())
                .findFirst().orElse(Double.NaN);
    }

    void print(PrintStream out) {
        int labelWidth = rows.stream().filter(r -> r.key() != null).mapToInt(r -> r.label().length()).max().orElse(0);
        int valueWidth = rows.stream().filter(r -> r.value() instanceof Double)
                .mapToInt(r -> format((Double) r.value()).length()).max().orElse(0);
        for (Row row : rows) {
            if (row.key() == null) {
                out.println(row.label());
                continue;
            }
            String value = row.value() instanceof Double number
                    ? String.format("%" + valueWidth + "s", format(number)) : row.value().toString();
            out.println(String.format("  %-" + labelWidth + "s  %s%s", row.label(), value,
                    row.unit().isEmpty() ? "" : " " + row.unit()).stripTrailing());
        }
    }

    String toJson() {
        List<Row> figures = rows.stream().filter(r -> r.key() != null).toList();
        StringBuilder json = new StringBuilder("{\n");
        for (int i = 0; i < figures.size(); i++) {
            Row row = figures.get(i);
            json.append("  ").append(quote(row.key())).append(": ");
            if (row.value() instanceof Double number) {
                json.append(number.isNaN() || number.isInfinite() ? "null" : jsonNumber(number));
            } else {
                json.append(quote(row.value().toString()));
            }
            json.append(i + 1 < figures.size() ? ",\n" : "\n");
        }
        return json.append("}\n").toString();
    }

    /** Few digits for a table: whole numbers from 100 up, two decimals below 10. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 || value == Math.rint(value) ? "%,.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String jsonNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
