package dev.blindrelay.cli.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A console table: columns padded to their widest cell, numbers right-aligned so their digits line
 * up, a rule under the header.
 */
public final class TextTable {

    private final List<String> header;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** Header cells; a header starting with {@code >} marks a right-aligned (numeric) column. */
    public TextTable(String... header) {
        this.rightAligned = new boolean[header.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            rightAligned[i] = header[i].startsWith(">");
            names.add(rightAligned[i] ? header[i].substring(1) : header[i]);
        }
        this.header = names;
    }

    public TextTable row(String... cells) {
        return row(Arrays.asList(cells));
    }

    TextTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header " + header.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public String render() {
        int[] widths = new int[header.size()];
        for (List<String> row : withHeader()) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, header, widths);
        int total = Arrays.stream(widths).sum() + 2 * (widths.length - 1);
        text.append("-".repeat(total)).append('\n');
        rows.forEach(row -> line(text, row, widths));
        return text.toString();
    }

    private List<List<String>> withHeader() {
        List<List<String>> all = new ArrayList<>(rows);
        all.add(header);
        return all;
    }

    private void line(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(i == 0 ? "" : "  ").append(rightAligned[i] ? pad + cell : cell + pad);
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
