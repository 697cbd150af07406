package dev.blindrelay.cli.compare;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal grouped bar chart as inline SVG, drawn here rather than by a script so that the report
 * needs no network, no library and not even JavaScript. Horizontal, because suite and provider names
 * are long and read best on the left.
 *
 * <p>Stable hooks for tests and styling: {@code <svg class="chart" id=...>}, one
 * {@code <rect class="bar" data-category data-series data-value>} per value.
 */
final class SvgBarChart {

    /** Okabe-Ito colours: told apart also by readers with colour-vision deficiency. */
    static final List<String> COLORS = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
            "#F0E442", "#000000");

    private static final int WIDTH = 1000;
    private static final int LABEL_WIDTH = 190;
    private static final int VALUE_WIDTH = 80;
    private static final int BAR_HEIGHT = 20;
    private static final int BAR_GAP = 4;
    private static final int GROUP_GAP = 16;
    private static final int TITLE_HEIGHT = 34;
    private static final int LEGEND_HEIGHT = 26;
    private static final int AXIS_HEIGHT = 52;
    /** Grid steps wanted at most; the axis then ends at the first step past the largest value. */
    private static final int TICKS = 5;

    private final String id;
    private final String title;
    private final String axisLabel;
    private final List<String> series;
    private final List<String> groups = new ArrayList<>();
    private final List<List<Double>> values = new ArrayList<>();

    /**
     * @param id        the element id, e.g. {@code chart-throughput}
     * @param axisLabel what the values measure, with the unit, e.g. "MB/s (higher is better)"
     * @param series    one name per bar of a group, shown in the legend and in that colour
     */
    SvgBarChart(String id, String title, String axisLabel, List<String> series) {
        if (series.isEmpty() || series.size() > COLORS.size()) {
            throw new IllegalArgumentException("a chart takes 1 to " + COLORS.size() + " series, got " + series.size());
        }
        this.id = id;
        this.title = title;
        this.axisLabel = axisLabel;
        this.series = List.copyOf(series);
    }

    /** One group of bars, one value per series, all positive. */
    SvgBarChart group(String label, List<Double> groupValues) {
        if (groupValues.size() != series.size()) {
            throw new IllegalArgumentException("group '" + label + "' has " + groupValues.size() + " values for "
                    + series.size() + " series");
        }
        groups.add(label);
        values.add(List.copyOf(groupValues));
        return this;
    }

    String render() {
        double max = values.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(1);
        double step = niceStep(max);
        int ticks = Math.max(1, (int) Math.ceil(max / step - 1e-9));
        double scaleMax = step * ticks;
        boolean legend = series.size() > 1;
        int plotTop = TITLE_HEIGHT + (legend ? LEGEND_HEIGHT : 0) + 6;
        int groupHeight = series.size() * (BAR_HEIGHT + BAR_GAP) - BAR_GAP;
        int plotHeight = groups.size() * (groupHeight + GROUP_GAP) - GROUP_GAP + 12;
        int plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        int height = plotTop + plotHeight + AXIS_HEIGHT;

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-labelledby=\"%s-title\">%n",
                Html.escape(id), WIDTH, height, WIDTH, height, Html.escape(id)));
        svg.append("<title id=\"").append(Html.escape(id)).append("-title\">").append(Html.escape(title))
                .append("</title>\n");
        svg.append(String.format(Locale.ROOT, "<text class=\"chart-title\" x=\"%d\" y=\"22\">%s</text>%n",
                0, Html.escape(title)));
        if (legend) {
            legend(svg, TITLE_HEIGHT + 14);
        }
        axis(svg, step, ticks, plotTop, plotHeight, plotWidth);
        int y = plotTop + 6;
        for (int g = 0; g < groups.size(); g++) {
            svg.append("<g class=\"group\" data-category=\"").append(Html.escape(groups.get(g))).append("\">\n");
            svg.append(String.format(Locale.ROOT, "<text class=\"category\" x=\"%d\" y=\"%.1f\" "
                            + "text-anchor=\"end\" dominant-baseline=\"middle\">%s</text>%n",
                    LABEL_WIDTH - 12, y + groupHeight / 2.0, Html.escape(groups.get(g))));
            for (int s = 0; s < series.size(); s++) {
                bar(svg, groups.get(g), s, values.get(g).get(s), y, scaleMax, plotWidth);
                y += BAR_HEIGHT + BAR_GAP;
            }
            y += GROUP_GAP - BAR_GAP;
            svg.append("</g>\n");
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"axis-label\" x=\"%.1f\" y=\"%d\" "
                + "text-anchor=\"middle\">%s</text>%n", LABEL_WIDTH + plotWidth / 2.0, height - 8,
                Html.escape(axisLabel)));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void legend(StringBuilder svg, int y) {
        svg.append("<g class=\"legend\">\n");
        int x = LABEL_WIDTH;
        for (int s = 0; s < series.size(); s++) {
            svg.append(String.format(Locale.ROOT, "<rect class=\"legend-swatch\" x=\"%d\" y=\"%d\" width=\"14\" "
                    + "height=\"14\" fill=\"%s\"/>%n", x, y - 11, COLORS.get(s)));
            svg.append(String.format(Locale.ROOT, "<text class=\"legend-label\" x=\"%d\" y=\"%d\">%s</text>%n",
                    x + 20, y, Html.escape(series.get(s))));
            x += 20 + 7 * series.get(s).length() + 28; // about 7 px per character at 13 px
        }
        svg.append("</g>\n");
    }

    /** Vertical grid lines with their values, the baseline, and the axis title under them. */
    private static void axis(StringBuilder svg, double step, int ticks, int top, int height, int plotWidth) {
        svg.append("<g class=\"axis\">\n");
        for (int i = 0; i <= ticks; i++) {
            double x = LABEL_WIDTH + plotWidth * i / (double) ticks;
            svg.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>%n",
                    i == 0 ? "baseline" : "gridline", x, top, x, top + height));
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s"
                    + "</text>%n", x, top + height + 18, tick(step * i, step)));
        }
        svg.append("</g>\n");
    }

    private void bar(StringBuilder svg, String group, int s, double value, int y, double scaleMax, int plotWidth) {
        // At least one pixel: a positive value must stay visible next to one 100 times larger.
        double width = Math.max(1, plotWidth * value / scaleMax);
        String label = Units.rate(value);
        svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" data-category=\"%s\" data-series=\"%s\" "
                        + "data-value=\"%s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                        + "<title>%s, %s: %s %s</title></rect>%n",
                Html.escape(group), Html.escape(series.get(s)), value, LABEL_WIDTH, y, width, BAR_HEIGHT,
                COLORS.get(s), Html.escape(group), Html.escape(series.get(s)), label, Html.escape(axisLabel)));
        svg.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" "
                + "dominant-baseline=\"middle\">%s</text>%n", LABEL_WIDTH + width + 6, y + BAR_HEIGHT / 2.0, label));
    }

    /** Tick values with as many decimals as the step needs, the same on every tick: "0", "2.5", "5.0". */
    static String tick(double value, double step) {
        int decimals = Math.max(0, new BigDecimal(step, new MathContext(6)).stripTrailingZeros().scale());
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** 1, 2, 2.5 or 5 times a power of ten, so that at most {@link #TICKS} steps cover {@code max}. */
    static double niceStep(double max) {
        double raw = max / TICKS;
        if (!(raw > 0) || Double.isInfinite(raw)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[]{1, 2, 2.5, 5, 10}) {
            if (factor * power >= raw) {
                return factor * power;
            }
        }
        return 10 * power;
    }
}
