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
    void from_repeat_isForChatRoundsAndRawWithBaselineOnly() {
        assertThat(parse("--repeat", "3").repeat()).isEqualTo(3);
        assertThat(parse("--raw", "--baseline", "--repeat", "3").repeat()).isEqualTo(3);
        assertThatThrownBy(() -> parse("--raw", "--repeat", "3")).isInstanceOf(UsageException.class)
                .hasMessageEndingWith("it has nothing to repeat with --raw alone: add --baseline");
        assertThatThrownBy(() -> parse("--idle", "--repeat", "2")).isInstanceOf(UsageException.class)
                .hasMessageEndingWith("it has nothing to repeat with --idle: leave --repeat out");
        assertThatThrownBy(() -> parse("--stall", "--clients", "4", "--repeat", "2"))
                .isInstanceOf(UsageException.class).hasMessageEndingWith("with --stall: leave --repeat out");
        assertThat(parse("--idle", "--repeat", "1").repeat()).isEqualTo(1);
    }

    @Test
    void from_rawAndIdleTogether_isAUsageError() {
        assertThatThrownBy(() -> parse("--raw", "--idle")).isInstanceOf(UsageException.class);
    }

    @Test
    void from_clientIoThreads_defaultsToTheRelaysAndIsSeparate() {
        assertThat(parse("--io-threads", "3").clientIoThreads()).isEqualTo(3);
        BenchOptions options = parse("--client-io-threads", "2");

        assertThat(options.clientIoThreads()).isEqualTo(2);
        assertThat(options.ioThreads()).isEqualTo(1);
    }

    @Test
    void from_versusRaw_isAChatFollowedByARawLoadOfFiveFramesPerMessage() {
        BenchOptions options = parse("--versus-raw", "--clients", "4", "--messages", "1000", "--size", "512");
        BenchOptions raw = options.rawAfterChat();

        assertThat(options.mode()).isEqualTo(BenchOptions.Mode.CHAT);
        assertThat(options.versusRaw()).isTrue();
        assertThat(raw.mode()).isEqualTo(BenchOptions.Mode.RAW);
        assertThat(raw.versusRaw()).isFalse();
        assertThat(new int[] {raw.clients(), raw.messages(), raw.size()}).containsExactly(4, 5000, 512);
    }

    @Test
    void from_versusRawWithRawIdleOddClientsTinySizeOrWebSocket_isAUsageError() {
        for (String[] args : new String[][] {{"--raw"}, {"--idle"}, {"--clients", "3"}, {"--size", "8"},
                {"--transport", "ws"}}) {
            String[] all = new String[args.length + 1];
            all[0] = "--versus-raw";
            System.arraycopy(args, 0, all, 1, args.length);
            assertThatThrownBy(() -> parse(all)).as(String.join(" ", args)).isInstanceOf(UsageException.class)
                    .hasMessageContaining("--versus-raw");
        }
    }

    @Test
    void roomOf_isRoundRobin() {
        BenchOptions options = parse("--clients", "10", "--rooms", "3");

        assertThat(options.roomOf(0)).isEqualTo("room0");
        assertThat(options.roomOf(4)).isEqualTo("room1");
        assertThat(options.roomOf(9)).isEqualTo("room0");
    }
}
