package dev.blindrelay.cli.bench;

import dev.blindrelay.cli.UsageException;
import dev.blindrelay.cli.config.Settings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    private static BenchOptions parse(String... args) {
        return BenchOptions.from(Settings.parse("bench", BenchOptions.KEYS, args));
    }

    @Test
    void from_defaults_areAChatOfPairs() {
        BenchOptions options = parse();

        assertThat(options.mode()).isEqualTo(BenchOptions.Mode.CHAT);
        assertThat(options.clients()).isEqualTo(100);
        assertThat(options.rooms()).as("clients / 2: one pair per room").isEqualTo(50);
        assertThat(options.size()).isEqualTo(1024);
        assertThat(options.relays()).isEmpty();
        assertThat(options.ioThreads()).isEqualTo(1);
    }

    @Test
    void from_relayHostAndPort_isParsed() {
        assertThat(parse("--relay", "10.0.0.7:6000,10.0.0.8:6001").relays()).extracting(a -> a.getPort()).containsExactly(6000, 6001);
    }

    @Test
    void from_relayWithoutPort_isAUsageError() {
        assertThatThrownBy(() -> parse("--relay", "localhost")).isInstanceOf(UsageException.class)
                .hasMessage("--relay must be HOST:PORT, e.g. 127.0.0.1:5000, separated by commas; got 'localhost'");
    }

    @Test
    void from_rawWithAnOddNumberOfClients_isAUsageError() {
        assertThatThrownBy(() -> parse("--raw", "--clients", "3")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--clients must be even");
    }

    @Test
    void from_baselineWithoutRaw_isAUsageError() {
        assertThatThrownBy(() -> parse("--baseline")).isInstanceOf(UsageException.class)
                .hasMessageContaining("use it with --raw");
    }

    @Test
    void from_rawOverWebSocket_isAUsageError() {
        assertThatThrownBy(() -> parse("--raw", "--transport", "ws")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--transport tcp");
    }

    @Test
    void from_stall_pairsOverTcpAndExcludesTheOtherLoads() {
        assertThat(parse("--stall", "--clients", "4").mode()).isEqualTo(BenchOptions.Mode.STALL);
        assertThatThrownBy(() -> parse("--stall", "--clients", "3")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--stall pairs a sender with a receiver");
        assertThatThrownBy(() -> parse("--stall", "--transport", "ws")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--transport tcp");
        assertThatThrownBy(() -> parse("--stall", "--raw")).isInstanceOf(UsageException.class)
                .hasMessage("--raw, --idle and --stall measure different things; choose one");
    }

    @Test
    void from_rawAndIdleTogether_isAUsageError() {
        assertThatThrownBy(() -> parse("--raw", "--idle")).isInstanceOf(UsageException.class);
    }

    @Test
    void roomOf_isRoundRobin() {
        BenchOptions options = parse("--clients", "10", "--rooms", "3");

        assertThat(options.roomOf(0)).isEqualTo("room0");
        assertThat(options.roomOf(4)).isEqualTo("room1");
        assertThat(options.roomOf(9)).isEqualTo("room0");
    }
}
