package dev.blindrelay.cli.bench;

import dev.blindrelay.spi.ClientConnection;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.FrameListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackSpreadTest {

    private static final FrameListener IGNORED = new FrameListener() {
        @Override
        public void frameReceived(byte[] frame) {
        }

        @Override
        public void closed(String reason) {
        }
    };

    @Test
    void addressesFor_oneAddressUntilItsPortsRunLow_thenAsManyAsNeeded() {
        assertThat(LoopbackSpread.addressesFor(2, 28_232)).isEqualTo(1);
        assertThat(LoopbackSpread.addressesFor(19_000, 28_232)).isEqualTo(1);
        assertThat(LoopbackSpread.addressesFor(25_000, 28_232)).isEqualTo(2);
        assertThat(LoopbackSpread.addressesFor(50_000, 28_232)).isEqualTo(3);
        assertThat(LoopbackSpread.addressesFor(50_000, 64_511)).isEqualTo(1);
    }

    @Test
    void ephemeralPorts_readsTheRangeOrFallsBackToLinuxDefault(@TempDir Path dir) throws Exception {
        Path range = Files.writeString(dir.resolve("ip_local_port_range"), "40000\t40599\n");

        assertThat(LoopbackSpread.ephemeralPorts(range)).isEqualTo(600);
        assertThat(LoopbackSpread.ephemeralPorts(dir.resolve("missing"))).isEqualTo(28_232);
    }

    @Test
    void loopbackAddresses_countUpFrom127001() {
        assertThat(LoopbackSpread.loopbackAddresses(3)).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        assertThat(LoopbackSpread.loopbackAddresses(300).get(299).getHostAddress()).isEqualTo("127.0.1.44");
    }

    @Test
    void over_oneAddress_isTheConnectorItself() {
        Connector connector = new RecordingConnector();

        assertThat(LoopbackSpread.over(connector, List.of(new InetSocketAddress("127.0.0.1", 5000))))
                .isSameAs(connector);
    }

    @Test
    void over_severalAddresses_connectsToEachInTurnAndLeavesOtherAddressesAlone() throws Exception {
        RecordingConnector connector = new RecordingConnector();
        List<InetSocketAddress> relay = List.of(new InetSocketAddress("127.0.0.1", 5000),
                new InetSocketAddress("127.0.0.2", 5001), new InetSocketAddress("127.0.0.3", 5002));
        InetSocketAddress elsewhere = new InetSocketAddress("127.0.0.1", 6000);
        Connector spread = LoopbackSpread.over(connector, relay);

        for (int i = 0; i < 4; i++) {
            spread.connect(relay.get(0), IGNORED);
        }
        spread.connect(elsewhere, IGNORED);

        assertThat(connector.destinations).containsExactly(relay.get(0), relay.get(1), relay.get(2), relay.get(0),
                elsewhere);
    }

    /** Records where each connection was asked to go; connects nothing. */
    private static final class RecordingConnector implements Connector {
        final List<InetSocketAddress> destinations = new ArrayList<>();

        @Override
        public ClientConnection connect(InetSocketAddress address, FrameListener listener) {
            destinations.add(address);
            return null;
        }

        @Override
        public void close() {
        }
    }
}
