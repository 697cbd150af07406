package dev.blindrelay.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {

    @Test
    void ok_everythingOnceAndNothingElse_passes() {
        Verdict verdict = new Verdict(10, 10, 0, 0, List.of(), true);

        assertThat(verdict.ok()).isTrue();
        assertThat(verdict.line()).isEqualTo("PASS: delivered == sent (10 of 10), no loss, no duplicates");
    }

    @Test
    void ok_aLoss_fails() {
        Verdict verdict = new Verdict(10, 9, 0, 0, List.of(), true);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.line()).startsWith("FAIL: delivered 9 of 10 expected (1 lost)");
    }

    @Test
    void ok_aDuplicateOrAnyOtherProblem_fails() {
        assertThat(new Verdict(10, 10, 1, 0, List.of(), true).ok()).isFalse();
        assertThat(new Verdict(10, 10, 0, 1, List.of("warning"), true).ok()).isFalse();
    }

    @Test
    void ok_stalled_failsAndSaysSo() {
        Verdict verdict = new Verdict(10, 10, 0, 0, List.of(), false);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.line()).endsWith("stopped making progress for 30 s");
    }

    @Test
    void and_addsTheCountsAndNeedsBothToPass() {
        Verdict both = new Verdict(10, 10, 0, 0, List.of(), true).and(new Verdict(5, 4, 0, 1, List.of("lost"), true));

        assertThat(both.expected()).isEqualTo(15);
        assertThat(both.delivered()).isEqualTo(14);
        assertThat(both.examples()).containsExactly("lost");
        assertThat(both.ok()).isFalse();
    }

    @Test
    void line_nothingToDeliver_saysSo() {
        assertThat(new Verdict(0, 0, 0, 0, List.of(), true).line())
                .isEqualTo("PASS: no messages in this run; no errors, warnings or disconnects");
    }
}
