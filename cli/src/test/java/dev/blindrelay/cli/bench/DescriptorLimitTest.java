package dev.blindrelay.cli.bench;

import dev.blindrelay.cli.UsageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DescriptorLimitTest {

    @Test
    void check_moreClientsThanTheLimitAllows_isOneLineSayingWhatToDo() {
        assertThatThrownBy(() -> DescriptorLimit.check(50_000, 20_000))
                .isInstanceOf(UsageException.class)
                .hasMessage("--clients 50,000 needs about 50,256 open files, in this process and in the relay's,"
                        + " and 'ulimit -n' allows 20,000: raise it first (e.g. 'ulimit -n 52560') or use fewer clients");
    }

    @Test
    void check_clientsWithinTheLimitOrAnUnknownLimit_passes() {
        assertThatCode(() -> DescriptorLimit.check(19_000, 20_000)).doesNotThrowAnyException();
        assertThatCode(() -> DescriptorLimit.check(50_000, -1)).doesNotThrowAnyException();
    }

    @Test
    void check_thisProcess_allowsAFewClients() {
        assertThatCode(() -> DescriptorLimit.check(2)).doesNotThrowAnyException();
    }
}
