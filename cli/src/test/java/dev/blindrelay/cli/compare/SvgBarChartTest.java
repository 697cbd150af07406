package dev.blindrelay.cli.compare;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SvgBarChartTest {

    private static final Pattern BAR = Pattern.compile("<rect class=\"bar\"[^>]*data-value=\"([^\"]+)\"[^>]*"
            + "width=\"([^\"]+)\"");

    @Test
    void render_oneBarPerValue_widthsProportional() {
        String svg = new SvgBarChart("chart-x", "Title <&>", "MB/s", List.of("a", "b"))
                .group("64 B", List.of(10.0, 20.0))
                .group("1 KiB", List.of(40.0, 0.001))
                .render();

        assertThat(svg).startsWith("<svg class=\"chart\" id=\"chart-x\"").contains("Title &lt;&amp;&gt;",
                "class=\"legend\"", "class=\"axis-label\"", ">MB/s</text>");
        Matcher bars = BAR.matcher(svg);
        double perUnit = -1;
        int count = 0;
        while (bars.find()) {
            double value = Double.parseDouble(bars.group(1));
            double width = Double.parseDouble(bars.group(2));
            assertThat(width).as("a positive value stays visible").isGreaterThanOrEqualTo(1);
            if (value >= 1) {
                perUnit = perUnit < 0 ? width / value : perUnit;
                assertThat(width / value).isCloseTo(perUnit, org.assertj.core.data.Offset.offset(0.01));
            }
            count++;
        }
        assertThat(count).isEqualTo(4);
    }

    @Test
    void render_axisEndsAtTheFirstStepPastTheMaximum() {
        String svg = new SvgBarChart("c", "t", "MB/s", List.of("a")).group("g", List.of(1413.0)).render();

        assertThat(svg).contains(">0</text>", ">500</text>", ">1,000</text>", ">1,500</text>")
                .doesNotContain(">2,000</text>");
    }

    @Test
    void render_oneSeries_noLegend() {
        String svg = new SvgBarChart("c", "t", "u", List.of("only")).group("g", List.of(1.0)).render();

        assertThat(svg).doesNotContain("class=\"legend\"");
    }

    @Test
    void group_wrongNumberOfValues() {
        assertThatThrownBy(() -> new SvgBarChart("c", "t", "u", List.of("a", "b")).group("g", List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void niceStep_coversTheMaximumInFiveRoundSteps() {
        assertThat(SvgBarChart.niceStep(1406)).isEqualTo(500);
        assertThat(SvgBarChart.niceStep(2442)).isEqualTo(500);
        assertThat(SvgBarChart.niceStep(1000)).isEqualTo(200);
        assertThat(SvgBarChart.niceStep(39.2)).isEqualTo(10);
        assertThat(SvgBarChart.niceStep(7.29)).isEqualTo(2);
        assertThat(SvgBarChart.niceStep(0.06)).isEqualTo(0.02, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void tick_decimalsFollowTheStep() {
        assertThat(SvgBarChart.tick(2500, 500)).isEqualTo("2,500");
        assertThat(SvgBarChart.tick(5, 2.5)).isEqualTo("5.0");
        assertThat(SvgBarChart.tick(0.06, 0.02)).isEqualTo("0.06");
    }
}
